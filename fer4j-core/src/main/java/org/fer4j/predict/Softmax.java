package org.fer4j.predict;

/** Softmax of a slice of logits computed on the host, for nets whose outputs arrive as Java arrays. */
public final class Softmax {
  private Softmax() {}

  /** Softmax of {@code logits[offset, offset + n)} in double precision (any model's logits). */
  public static float[] of(float[] logits, int offset, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, logits[offset + i]);
    }
    double sum = 0;
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = Math.exp(logits[offset + i] - max);
      sum += e[i];
    }
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) (e[i] / sum);
    }
    return p;
  }
}

package org.fer4j.eval;

import org.fer4j.data.LabelSpace;

/** Accumulates score rows and true labels; {@link #result()} gives every metric. */
public final class ClassificationEvaluator {
  private final ConfusionMatrix confusion;
  private long top2Hits;
  private long seen;

  public ClassificationEvaluator(LabelSpace labels) {
    this.confusion = new ConfusionMatrix(labels);
  }

  /** Adds one sample's class scores (any monotone scores: logits or probabilities). */
  public void add(float[] scores, int truth) {
    if (scores.length != confusion.size()) {
      throw new IllegalArgumentException(
          "expected " + confusion.size() + " class scores, got " + scores.length);
    }
    confusion.add(truth, Scores.argmax(scores));
    if (Scores.inTopK(scores, truth, 2)) {
      top2Hits++;
    }
    seen++;
  }

  /** Adds a batch stored row-major: {@code scores.length == truth.length * classes}. */
  public void addBatch(float[] scores, int[] truth) {
    int k = confusion.size();
    if (scores.length != truth.length * k) {
      throw new IllegalArgumentException(
          truth.length + " labels need " + truth.length * k + " scores, got " + scores.length);
    }
    for (int i = 0; i < truth.length; i++) {
      float[] row = new float[k];
      System.arraycopy(scores, i * k, row, 0, k);
      add(row, truth[i]);
    }
  }

  public ClassificationMetrics result() {
    return ClassificationMetrics.from(confusion, seen == 0 ? Double.NaN : (double) top2Hits / seen);
  }
}

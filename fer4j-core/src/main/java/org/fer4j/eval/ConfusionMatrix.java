package org.fer4j.eval;

import java.util.Arrays;
import org.fer4j.data.LabelSpace;

/**
 * Counts of (true class, predicted class) pairs, rows = truth, columns = prediction. Mutable while
 * results are added; {@link #copy()} gives a snapshot.
 */
public final class ConfusionMatrix {
  private final LabelSpace labels;
  private final long[][] counts;

  public ConfusionMatrix(LabelSpace labels) {
    this.labels = labels;
    this.counts = new long[labels.size()][labels.size()];
  }

  /** Builds a matrix from given counts (rows = truth); used by tests and by report loading. */
  public static ConfusionMatrix of(LabelSpace labels, long[][] counts) {
    ConfusionMatrix m = new ConfusionMatrix(labels);
    if (counts.length != labels.size()) {
      throw new IllegalArgumentException("need " + labels.size() + " rows, got " + counts.length);
    }
    for (int i = 0; i < counts.length; i++) {
      if (counts[i].length != labels.size()) {
        throw new IllegalArgumentException("row " + i + " needs " + labels.size() + " columns");
      }
      m.counts[i] = counts[i].clone();
    }
    return m;
  }

  /** Adds one prediction. */
  public void add(int truth, int predicted) {
    counts[truth][predicted]++;
  }

  /** Adds a batch of predictions. */
  public void addAll(int[] truth, int[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException(truth.length + " labels but " + predicted.length + " predictions");
    }
    for (int i = 0; i < truth.length; i++) {
      add(truth[i], predicted[i]);
    }
  }

  public LabelSpace labels() {
    return labels;
  }

  public int size() {
    return counts.length;
  }

  public long count(int truth, int predicted) {
    return counts[truth][predicted];
  }

  public long total() {
    long t = 0;
    for (long[] row : counts) {
      for (long v : row) {
        t += v;
      }
    }
    return t;
  }

  /** Samples whose true class is {@code c} (row sum). */
  public long support(int c) {
    return Arrays.stream(counts[c]).sum();
  }

  /** Samples predicted as {@code c} (column sum). */
  public long predictedAs(int c) {
    long s = 0;
    for (long[] row : counts) {
      s += row[c];
    }
    return s;
  }

  public long correct() {
    long s = 0;
    for (int i = 0; i < counts.length; i++) {
      s += counts[i][i];
    }
    return s;
  }

  /** Rows divided by their sums (each row sums to 1; an empty row stays 0). */
  public double[][] rowNormalised() {
    double[][] r = new double[counts.length][counts.length];
    for (int i = 0; i < counts.length; i++) {
      long s = support(i);
      for (int j = 0; j < counts.length; j++) {
        r[i][j] = s == 0 ? 0 : (double) counts[i][j] / s;
      }
    }
    return r;
  }

  /** The raw counts, copied. */
  public long[][] counts() {
    long[][] c = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      c[i] = counts[i].clone();
    }
    return c;
  }

  public ConfusionMatrix copy() {
    return of(labels, counts);
  }
}

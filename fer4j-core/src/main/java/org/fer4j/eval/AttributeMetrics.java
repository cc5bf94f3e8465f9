package org.fer4j.eval;

import java.util.List;
import org.fer4j.data.LabelSpace;

/**
 * Multi-label attribute accuracy as CelebA papers report it: per attribute, the share of samples
 * whose thresholded probability (p >= threshold) equals the {0,1} label; the headline number is
 * the mean over attributes (FAER, SwinFace).
 */
public final class AttributeMetrics {
  private final LabelSpace labels;
  private final double threshold;
  private final long[] correct;
  private long samples;

  public AttributeMetrics(LabelSpace labels, double threshold) {
    this.labels = labels;
    this.threshold = threshold;
    this.correct = new long[labels.size()];
  }

  /** Adds one sample: probabilities and {0,1} targets, one per attribute. */
  public void add(float[] probabilities, float[] targets) {
    if (probabilities.length != correct.length || targets.length != correct.length) {
      throw new IllegalArgumentException(
          "expected " + correct.length + " attributes, got " + probabilities.length + " scores and "
              + targets.length + " targets");
    }
    for (int a = 0; a < correct.length; a++) {
      boolean predicted = probabilities[a] >= threshold;
      boolean truth = targets[a] >= 0.5f;
      if (predicted == truth) {
        correct[a]++;
      }
    }
    samples++;
  }

  public long samples() {
    return samples;
  }

  /** Accuracy of one attribute. */
  public double accuracy(int attribute) {
    return samples == 0 ? 0 : (double) correct[attribute] / samples;
  }

  /** Mean of the per-attribute accuracies. */
  public double meanAccuracy() {
    double s = 0;
    for (int a = 0; a < correct.length; a++) {
      s += accuracy(a);
    }
    return s / correct.length;
  }

  /** (name, accuracy) in attribute order. */
  public List<java.util.Map.Entry<String, Double>> perAttribute() {
    return java.util.stream.IntStream.range(0, correct.length)
        .mapToObj(a -> java.util.Map.entry(labels.nameOf(a), accuracy(a)))
        .toList();
  }
}

package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * Cross-entropy with label smoothing on the first prediction (the logits) against class indices,
 * or, in soft mode, against a probability target of the logits' shape (FERPlus's probability mode:
 * Barsoum et al., "Training Deep Networks for Facial Expression Recognition with Crowd-Sourced
 * Label Distribution", <a href="https://arxiv.org/abs/1608.01041">arXiv:1608.01041</a>).
 */
public final class LabelSmoothingLoss extends Loss {
  private final double epsilon;
  private final boolean softTargets;

  private LabelSmoothingLoss(String name, double epsilon, boolean softTargets) {
    super(name);
    this.epsilon = epsilon;
    this.softTargets = softTargets;
  }

  /** Hard labels smoothed by {@code epsilon} (0 gives plain cross-entropy). */
  public static LabelSmoothingLoss smoothing(double epsilon) {
    if (epsilon < 0 || epsilon >= 1) {
      throw org.fer4j.FerException.badInput("label smoothing must be in [0, 1), was " + epsilon);
    }
    return new LabelSmoothingLoss("LabelSmoothingCE", epsilon, false);
  }

  /** Probability targets (each row sums to 1), e.g. FERPlus vote distributions. */
  public static LabelSmoothingLoss softLabels() {
    return new LabelSmoothingLoss("SoftLabelCE", 0, true);
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.head();
    return softTargets
        ? CrossEntropy.soft(logits, labels.head())
        : CrossEntropy.smoothed(logits, labels.head(), epsilon);
  }
}

package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.fer4j.FerException;

/**
 * Softmax cross-entropy in the forms fer4j's losses share: hard labels, label smoothing and soft
 * (probability) targets. Every function returns the batch mean as a scalar, as PyTorch's {@code
 * F.cross_entropy(..., reduction='mean')} does.
 */
public final class CrossEntropy {
  private CrossEntropy() {}

  /** Per-sample {@code -log softmax(z)_y}, shape {@code (N)}. */
  public static NDArray perSample(NDArray logits, NDArray labels) {
    NDArray target = oneHot(labels, logits);
    return logits.logSoftmax(-1).mul(target).sum(new int[] {-1}).neg();
  }

  /** Per-sample cross-entropy, {@code (N)}, with label smoothing {@code eps} (see {@link #smoothed}). */
  public static NDArray perSample(NDArray logits, NDArray labels, double eps) {
    if (eps == 0) {
      return perSample(logits, labels);
    }
    long k = logits.getShape().get(logits.getShape().dimension() - 1);
    NDArray target = oneHot(labels, logits).mul(1 - eps).add(eps / k);
    return logits.logSoftmax(-1).mul(target).sum(new int[] {-1}).neg();
  }

  /** Mean cross-entropy of logits {@code (N, K)} against class indices {@code (N)}. */
  public static NDArray mean(NDArray logits, NDArray labels) {
    return perSample(logits, labels).mean();
  }

  /** {@link #mean} when {@code eps} is 0, else {@link #smoothed}: the hard-label term of every loss. */
  public static NDArray mean(NDArray logits, NDArray labels, double eps) {
    return eps == 0 ? mean(logits, labels) : smoothed(logits, labels, eps);
  }

  /**
   * Label smoothing (Szegedy et al., <a
   * href="https://arxiv.org/abs/1512.00567">arXiv:1512.00567</a>): the target puts {@code 1 - eps}
   * on the label and spreads {@code eps} uniformly over all K classes, as PyTorch's {@code
   * label_smoothing} argument does.
   */
  public static NDArray smoothed(NDArray logits, NDArray labels, double eps) {
    if (eps < 0 || eps >= 1) {
      throw FerException.badInput("label smoothing must be in [0, 1), was " + eps);
    }
    long k = logits.getShape().get(logits.getShape().dimension() - 1);
    NDArray target = oneHot(labels, logits).mul(1 - eps).add(eps / k);
    return soft(logits, target);
  }

  /**
   * Cross-entropy against a probability target {@code (N, K)} (FERPlus's vote distributions):
   * {@code -sum_k q_k log softmax(z)_k}, averaged over the batch.
   */
  public static NDArray soft(NDArray logits, NDArray probabilities) {
    if (!probabilities.getShape().equals(logits.getShape())) {
      throw FerException.badInput(
          "soft-label targets must have the logits' shape "
              + logits.getShape()
              + ", got "
              + probabilities.getShape());
    }
    return logits.logSoftmax(-1).mul(probabilities).sum(new int[] {-1}).neg().mean();
  }

  /** One-hot rows for integer-valued labels, in the logits' data type. */
  static NDArray oneHot(NDArray labels, NDArray logits) {
    long k = logits.getShape().get(logits.getShape().dimension() - 1);
    NDArray flat = labels.reshape(-1);
    if (flat.size() != logits.getShape().get(0)) {
      throw FerException.badInput(
          "got " + flat.size() + " labels for " + logits.getShape().get(0) + " rows of logits");
    }
    return flat.toType(DataType.INT64, false).oneHot((int) k).toType(logits.getDataType(), false);
  }
}

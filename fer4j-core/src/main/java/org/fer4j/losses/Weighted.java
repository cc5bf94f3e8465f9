package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Loss terms scaled by a constant in the term's own precision. A loss term is usually a 0-dim
 * array, and PyTorch promotes a 0-dim float32 array times a 0-dim float64 scalar to float64, so a
 * {@code double} weight would change the loss's type; a {@code float} weight, in turn, would round
 * a float64 run's loss (the training parity tests run in float64 and must agree to 1e-11).
 */
final class Weighted {
  private Weighted() {}

  /** {@code term * weight}, keeping the term's type. */
  static NDArray times(NDArray term, double weight) {
    return term.mul(scalar(term, weight));
  }

  /** {@code term / divisor}, keeping the term's type. */
  static NDArray over(NDArray term, double divisor) {
    return term.div(scalar(term, divisor));
  }

  private static Number scalar(NDArray like, double value) {
    return like.getDataType() == DataType.FLOAT64 ? (Number) value : (Number) (float) value;
  }
}

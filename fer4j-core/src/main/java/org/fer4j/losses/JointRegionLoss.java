package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import org.fer4j.FerException;

/**
 * AGLF's joint loss: {@code sum_i w_i CE(z_i, y)} over the region classifiers, equal weights by
 * default (the seed's weights are unknown; docs/methods.md#aglf). The fused prediction
 * (first output) is for decision only and is not trained directly.
 *
 * <p>Predictions: {@code [fused, z_1, ..., z_K]}; labels: class indices {@code (N)}.
 */
public final class JointRegionLoss extends Loss {
  private final double[] weights;
  private final double smoothing;

  private JointRegionLoss(double[] weights, double smoothing) {
    super("JointRegion");
    this.weights = weights;
    this.smoothing = smoothing;
  }

  /** The same loss with label smoothing {@code eps} on every region's cross-entropy. */
  public JointRegionLoss withLabelSmoothing(double eps) {
    if (eps < 0 || eps >= 1) {
      throw FerException.badInput("label smoothing must be in [0, 1), was " + eps);
    }
    return new JointRegionLoss(weights, eps);
  }

  /** Equal weights 1 for {@code regions} region heads. */
  public static JointRegionLoss of(int regions) {
    double[] w = new double[regions];
    Arrays.fill(w, 1.0);
    return weighted(w);
  }

  /** One weight per region head. */
  public static JointRegionLoss weighted(double... weights) {
    if (weights.length < 1 || Arrays.stream(weights).anyMatch(w -> w < 0)) {
      throw FerException.badInput(
          "joint region loss needs one weight >= 0 per region, got " + Arrays.toString(weights));
    }
    return new JointRegionLoss(weights.clone(), 0);
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    if (predictions.size() != weights.length + 1) {
      throw FerException.badInput(
          "joint region loss expects [fused, "
              + weights.length
              + " region logits], got "
              + predictions.size()
              + " outputs");
    }
    NDArray y = labels.head();
    NDArray loss = Weighted.times(CrossEntropy.mean(predictions.get(1), y, smoothing), weights[0]);
    for (int i = 1; i < weights.length; i++) {
      loss = loss.add(Weighted.times(CrossEntropy.mean(predictions.get(i + 1), y, smoothing), weights[i]));
    }
    return loss;
  }
}

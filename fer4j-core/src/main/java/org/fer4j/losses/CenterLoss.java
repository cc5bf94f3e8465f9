package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.fer4j.FerException;

/**
 * Center loss with the class-centre update of Wen, Zhang, Li, Qiao, "A Discriminative Feature
 * Learning Approach for Deep Face Recognition", ECCV 2016: {@code L_C = 1/(2N) sum_i ||x_i -
 * c_{y_i}||^2}; the centres are not trained by the optimizer but moved after each training step by
 * {@code c_j <- c_j - alpha * sum_{i: y_i = j}(c_j - x_i) / (1 + n_j)}, n_j the samples of class j
 * in the batch (Algorithm 1 of the paper; FAER uses the same rule).
 *
 * <p>The centres live in a sub-manager of the manager given to the builder; close this object (or
 * that manager) to free them.
 */
public final class CenterLoss implements AutoCloseable {
  private final NDManager manager;
  private final double alpha;
  private NDArray centers;

  private CenterLoss(Builder b) {
    manager = b.manager.newSubManager();
    alpha = b.alpha;
    centers = manager.zeros(new Shape(b.numClasses, b.featureDim));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The current centres {@code (K, D)} (a live view: do not close it). */
  public NDArray centers() {
    return centers;
  }

  /** Replaces the centres, e.g. when resuming from a checkpoint. */
  public void setCenters(float[] values) {
    if (values.length != centers.size()) {
      throw FerException.badInput(
          "center values must have "
              + centers.size()
              + " entries ("
              + centers.getShape()
              + "), got "
              + values.length);
    }
    NDArray restored = manager.create(values, centers.getShape()).toType(centers.getDataType(), false);
    restored.attach(manager);
    centers.close();
    centers = restored;
  }

  /** {@code 1/(2N) sum_i ||x_i - c_{y_i}||^2} for features {@code (N, D)}, differentiable in x. */
  public NDArray loss(NDArray features, NDArray labels) {
    checkFeatures(features);
    adoptType(features);
    NDArray own =
        CrossEntropy.oneHot(labels, ownerRows(features))
            .matMul(centers.toDevice(features.getDevice(), false));
    NDArray diff = features.sub(own);
    return Weighted.over(diff.mul(diff).sum(), 2.0 * features.getShape().get(0));
  }

  /** One Wen et al. update of the centres from a batch; gradients are not tracked. */
  public void update(NDArray features, NDArray labels) {
    checkFeatures(features);
    NDArray x = features.stopGradient().toDevice(centers.getDevice(), false);
    NDArray hot = CrossEntropy.oneHot(labels.toDevice(centers.getDevice(), false), ownerRows(x));
    NDArray counts = hot.sum(new int[] {0}).reshape(-1, 1); // (K, 1)
    NDArray sums = hot.transpose().matMul(x); // (K, D)
    NDArray delta = centers.mul(counts).sub(sums).div(counts.add(1));
    NDArray next = centers.sub(delta.mul(alpha));
    next.attach(manager);
    centers.close();
    centers = next;
  }

  /** The centres follow the features' floating type (a float64 model keeps float64 centres). */
  private void adoptType(NDArray features) {
    if (centers.getDataType() != features.getDataType()) {
      NDArray typed = centers.toType(features.getDataType(), false);
      typed.attach(manager);
      centers.close();
      centers = typed;
    }
  }

  /** A (N, K) array whose only use is to tell oneHot the class count. */
  private NDArray ownerRows(NDArray features) {
    return features
        .getManager()
        .zeros(
            new Shape(features.getShape().get(0), centers.getShape().get(0)),
            features.getDataType());
  }

  private void checkFeatures(NDArray features) {
    if (features.getShape().dimension() != 2
        || features.getShape().get(1) != centers.getShape().get(1)) {
      throw FerException.badInput(
          "center loss expects features (N, "
              + centers.getShape().get(1)
              + "), got "
              + features.getShape());
    }
  }

  @Override
  public void close() {
    manager.close();
  }

  /** Builder: manager, class count and feature width required; alpha (0.5) optional. */
  public static final class Builder {
    private NDManager manager;
    private int numClasses;
    private int featureDim;
    private double alpha = 0.5;

    public Builder setManager(NDManager manager) {
      this.manager = manager;
      return this;
    }

    public Builder setNumClasses(int numClasses) {
      this.numClasses = numClasses;
      return this;
    }

    public Builder setFeatureDim(int featureDim) {
      this.featureDim = featureDim;
      return this;
    }

    /** Centre learning rate of Wen et al. (0.5 in their experiments). */
    public Builder optAlpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    public CenterLoss build() {
      if (manager == null || numClasses < 1 || featureDim < 1 || alpha <= 0 || alpha > 1) {
        throw FerException.badInput(
            "center loss needs a manager, numClasses >= 1, featureDim >= 1 and alpha in (0, 1]; got"
                + " numClasses="
                + numClasses
                + " featureDim="
                + featureDim
                + " alpha="
                + alpha);
      }
      return new CenterLoss(this);
    }
  }
}

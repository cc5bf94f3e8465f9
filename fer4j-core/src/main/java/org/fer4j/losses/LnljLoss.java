package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.fer4j.FerException;

/**
 * LNLJ loss: {@code CE(fused) + sum_k CE(z_k) + beta CE(z_nonlocal)} (docs/methods.md#lnlj; Shi et
 * al., "Adaptively Enhancing Facial Expression Crucial Regions via a Local Non-local Joint
 * Network", Machine Intelligence Research 21(2):331-348, 2024, <a
 * href="https://doi.org/10.1007/s11633-023-1417-9">DOI 10.1007/s11633-023-1417-9</a>, <a
 * href="https://arxiv.org/abs/2203.14045">arXiv:2203.14045</a>). beta is 0 by default
 * (the optional term).
 *
 * <p>Predictions, as the {@code lnlj} model returns them: {@code [fused, z_1..z_K, weights,
 * z_nonlocal]}; labels: class indices {@code (N)}.
 */
public final class LnljLoss extends Loss {
  private final int regions;
  private final double regionWeight;
  private final double nonLocalWeight;
  private final double smoothing;
  private final boolean weightedRegions;

  private LnljLoss(Builder b) {
    super("LNLJ");
    smoothing = b.smoothing;
    weightedRegions = b.weightedRegions;
    regions = b.regions;
    regionWeight = b.regionWeight;
    nonLocalWeight = b.nonLocalWeight;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    int needed = regions + 1 + (nonLocalWeight != 0 ? 2 : 0);
    if (predictions.size() < needed) {
      throw FerException.badInput(
          "LNLJ loss with "
              + regions
              + " regions expects [fused, region logits x"
              + regions
              + ", weights, non-local logits], got "
              + predictions.size()
              + " outputs");
    }
    NDArray y = labels.head();
    NDArray loss = weightedRegions
        ? weightedRegionLoss(predictions, y)
        : CrossEntropy.mean(predictions.get(0), y, smoothing);
    for (int k = 1; k <= regions; k++) {
      loss = loss.add(Weighted.times(CrossEntropy.mean(predictions.get(k), y, smoothing), regionWeight));
    }
    if (nonLocalWeight != 0) {
      loss = loss.add(
          Weighted.times(CrossEntropy.mean(predictions.get(regions + 2), y, smoothing), nonLocalWeight));
    }
    return loss;
  }

  /**
   * {@code mean_n sum_k w_nk CE(z_nk)} with the model's region weights {@code w} (output K + 1):
   * the weights act on the region losses and receive their gradient from them.
   */
  private NDArray weightedRegionLoss(NDList predictions, NDArray y) {
    NDArray w = predictions.get(regions + 1);
    NDArray total = null;
    for (int k = 0; k < regions; k++) {
      NDArray perSample = CrossEntropy.perSample(predictions.get(k + 1), y, smoothing);
      NDArray term = perSample.mul(w.get(":, " + k));
      total = total == null ? term : total.add(term);
    }
    return total.mean();
  }

  /** Builder: {@code setRegions} required; region weight (1) and non-local weight (0) optional. */
  public static final class Builder {
    private int regions;
    private double regionWeight = 1.0;
    private double nonLocalWeight;
    private double smoothing;
    private boolean weightedRegions;

    /** Label smoothing of every cross-entropy term (0 = none). */
    public Builder optLabelSmoothing(double eps) {
      this.smoothing = eps;
      return this;
    }

    /**
     * The first term becomes {@code sum_k w_k CE(z_k)} per sample with the model's region weights
     * instead of {@code CE(fused)}: LNLJ's {@code fusion=losses}.
     */
    public Builder optWeightedRegions(boolean weighted) {
      this.weightedRegions = weighted;
      return this;
    }

    public Builder setRegions(int regions) {
      this.regions = regions;
      return this;
    }

    public Builder optRegionWeight(double weight) {
      this.regionWeight = weight;
      return this;
    }

    public Builder optNonLocalWeight(double weight) {
      this.nonLocalWeight = weight;
      return this;
    }

    public LnljLoss build() {
      if (smoothing < 0 || smoothing >= 1) {
        throw FerException.badInput("label smoothing must be in [0, 1), was " + smoothing);
      }
      if (regions < 1 || regionWeight < 0 || nonLocalWeight < 0) {
        throw FerException.badInput(
            "LNLJ loss needs regions >= 1 and weights >= 0; got regions="
                + regions
                + " regionWeight="
                + regionWeight
                + " nonLocalWeight="
                + nonLocalWeight);
      }
      return new LnljLoss(this);
    }
  }
}

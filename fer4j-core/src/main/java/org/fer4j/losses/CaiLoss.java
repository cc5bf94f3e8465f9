package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import org.fer4j.FerException;

/**
 * CAI loss of GCSA: cross-entropy + auxiliary cross-entropies + intensity-aware loss, {@code L =
 * CE(z, y) + sum_i a_i CE(aux_i, y) + b L_IAL}, with the defaults of GCA+IAL's {@code main.py}
 * ({@code a = [0.05, 0]} for the layer2 and layer3 heads, {@code b = 0.1}). {@code L_IAL =
 * -log(e^{z_y} / (e^{z_y} + e^{z_m}))}, m the hardest non-target class {@code argmax_{j != y} z_j}:
 * cross-entropy over the target and the runner-up only. Li et al., "Intensity-Aware Loss for
 * Dynamic Facial Expression Recognition in the Wild", AAAI 2023, <a
 * href="https://arxiv.org/abs/2208.10335">arXiv:2208.10335</a>.
 *
 * <p>Predictions: {@code [logits, aux_1, aux_2, ...]}; labels: class indices {@code (N)}.
 */
public final class CaiLoss extends Loss {
  private final double[] auxWeights;
  private final double intensityWeight;
  private final double smoothing;

  private CaiLoss(Builder b) {
    super("CAI");
    smoothing = b.smoothing;
    auxWeights = b.auxWeights.clone();
    intensityWeight = b.intensityWeight;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The intensity-aware term alone, averaged over the batch. */
  public static NDArray intensityAware(NDArray logits, NDArray labels) {
    NDArray target = CrossEntropy.oneHot(labels, logits);
    NDArray zy = logits.mul(target).sum(new int[] {-1});
    // Mask the target far below every logit, then the max is the hardest non-target logit.
    NDArray zm = logits.sub(target.mul(1e9f)).max(new int[] {-1});
    NDArray pair = zy.expandDims(1).concat(zm.expandDims(1), 1);
    return pair.logSoftmax(-1).get(":, 0").neg().mean();
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray y = labels.head();
    NDArray logits = predictions.head();
    if (predictions.size() - 1 < countActiveAux()) {
      throw FerException.badInput(
          "CAI loss has weights for "
              + auxWeights.length
              + " auxiliary heads but the model gave "
              + (predictions.size() - 1)
              + " auxiliary outputs");
    }
    // Label smoothing applies to the cross-entropy terms; the intensity-aware term is a contrast
    // between two logits and stays as the paper defines it.
    NDArray loss = CrossEntropy.mean(logits, y, smoothing);
    for (int i = 0; i < auxWeights.length; i++) {
      if (auxWeights[i] != 0) {
        loss = loss.add(Weighted.times(CrossEntropy.mean(predictions.get(i + 1), y, smoothing), auxWeights[i]));
      }
    }
    if (intensityWeight != 0) {
      loss = loss.add(Weighted.times(intensityAware(logits, y), intensityWeight));
    }
    return loss;
  }

  private int countActiveAux() {
    int last = 0;
    for (int i = 0; i < auxWeights.length; i++) {
      if (auxWeights[i] != 0) {
        last = i + 1;
      }
    }
    return last;
  }

  @Override
  public String toString() {
    return "CAI(aux=" + Arrays.toString(auxWeights) + ", intensity=" + intensityWeight + ")";
  }

  /** Builder: every weight is optional (defaults from GCA+IAL's {@code main.py}). */
  public static final class Builder {
    private double[] auxWeights = {0.05, 0.0};
    private double intensityWeight = 0.1;
    private double smoothing;

    /** Label smoothing of the cross-entropy terms (0 = none). */
    public Builder optLabelSmoothing(double eps) {
      this.smoothing = eps;
      return this;
    }

    /** Weights of the auxiliary heads, in prediction order after the logits. */
    public Builder optAuxWeights(double... weights) {
      this.auxWeights = weights.clone();
      return this;
    }

    public Builder optIntensityWeight(double weight) {
      this.intensityWeight = weight;
      return this;
    }

    public CaiLoss build() {
      for (double w : auxWeights) {
        if (w < 0) {
          throw FerException.badInput(
              "CAI auxiliary weights must be >= 0, got " + Arrays.toString(auxWeights));
        }
      }
      if (smoothing < 0 || smoothing >= 1) {
        throw FerException.badInput("label smoothing must be in [0, 1), was " + smoothing);
      }
      if (intensityWeight < 0) {
        throw FerException.badInput("CAI intensity weight must be >= 0, was " + intensityWeight);
      }
      return new CaiLoss(this);
    }
  }
}

package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import org.fer4j.FerException;

/**
 * FAER's focal binary cross-entropy for attributes, written from the paper's formula (Eq. 7) on
 * sigmoid outputs: {@code L = -(1/N) sum_n sum_a [(1-p)^g q log p + p^g (1-q) log(1-p)]}, p =
 * sigmoid(z), gamma 2. Without alpha (a recipe that sets none) both terms have weight 1, Eq. 7
 * without the alpha weighting; with it the positive term is multiplied by alpha and the negative
 * one by 1 - alpha (Lin
 * et al., "Focal Loss for Dense Object Detection", <a
 * href="https://arxiv.org/abs/1708.02002">arXiv:1708.02002</a>). Logs are computed as log-sigmoids
 * for stability.
 *
 * <p>The released code ({@code XUJ1Er/FAER:FaceAttribute/FAER/utils/loss.py}, {@code FocalLoss})
 * differs from the paper and is not reproduced: it passes raw logits to {@code
 * binary_cross_entropy} (which expects probabilities), averages that into one scalar over all
 * attributes and images, multiplies it by the summed focal weights, and weights positives 0.8 and
 * negatives 0.2 ({@code faer-celeba} keeps that 0.8 as its alpha).
 *
 * <p>Predictions: {@code [logits (N, A), ...]}; labels: {@code (N, A)} in {0, 1}.
 */
public final class FocalBceLoss extends Loss {
  private final double gamma;
  private final Double alpha;

  private FocalBceLoss(Builder b) {
    super("FocalBCE");
    gamma = b.gamma;
    alpha = b.alpha;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray z = predictions.head();
    NDArray q = labels.head().toType(z.getDataType(), false);
    if (!q.getShape().equals(z.getShape())) {
      throw FerException.badInput(
          "attribute targets must have the logits' shape "
              + z.getShape()
              + ", got "
              + q.getShape());
    }
    NDArray p = Activation.sigmoid(z);
    NDArray logP = Activation.softPlus(z.neg()).neg();
    NDArray logNotP = Activation.softPlus(z).neg();
    NDArray pos = p.neg().add(1).pow(gamma).mul(q).mul(logP);
    NDArray neg = p.pow(gamma).mul(q.neg().add(1)).mul(logNotP);
    if (alpha != null) {
      pos = pos.mul(alpha.doubleValue());
      neg = neg.mul(1 - alpha);
    }
    return pos.add(neg).sum(new int[] {-1}).mean().neg();
  }

  /** Builder: gamma (2) and alpha (none) are optional. */
  public static final class Builder {
    private double gamma = 2.0;
    private Double alpha;

    public Builder optGamma(double gamma) {
      this.gamma = gamma;
      return this;
    }

    /** Weight of the positive term, {@code 1 - alpha} on the negative one. */
    public Builder optAlpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    public FocalBceLoss build() {
      if (gamma < 0 || (alpha != null && (alpha < 0 || alpha > 1))) {
        throw FerException.badInput(
            "focal loss needs gamma >= 0 and alpha in [0, 1]; got gamma="
                + gamma
                + " alpha="
                + alpha);
      }
      return new FocalBceLoss(this);
    }
  }
}

package org.fer4j.losses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.fer4j.FerException;

/**
 * FAER's expression loss {@code L_E = CE(z, y) + lambda L_center(f, y)}, lambda = 0.01 (FAER paper
 * section 2.3, swept from 1 to 1e-4), with the {@link CenterLoss} of Wen et al. 2016.
 *
 * <p>Predictions: {@code [logits, ..., feature]}: the pooled feature is the last output (the {@code
 * faer_*} models return it there). Labels: class indices {@code (N)}. The centres move once per
 * training step, in {@link #trainingLoss}; {@link #evaluate} (validation) leaves them alone.
 */
public final class ExpressionCenterLoss extends Loss {
  private final CenterLoss center;
  private final double lambda;
  private final double smoothing;

  /** {@code CE + lambda * center}; the caller owns (and closes) {@code center}. */
  public ExpressionCenterLoss(CenterLoss center, double lambda) {
    this(center, lambda, 0);
  }

  /** With label smoothing {@code eps} on the cross-entropy term (the center term uses hard labels). */
  public ExpressionCenterLoss(CenterLoss center, double lambda, double eps) {
    super("CE+Center");
    if (eps < 0 || eps >= 1) {
      throw FerException.badInput("label smoothing must be in [0, 1), was " + eps);
    }
    this.smoothing = eps;
    if (lambda < 0) {
      throw FerException.badInput("center-loss weight lambda must be >= 0, was " + lambda);
    }
    this.center = center;
    this.lambda = lambda;
  }

  /** FAER's weight, 0.01. */
  public static ExpressionCenterLoss faer(CenterLoss center) {
    return new ExpressionCenterLoss(center, 0.01);
  }

  public CenterLoss center() {
    return center;
  }

  /** The loss alone (validation, evaluation): the centres do not move. */
  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return value(labels, predictions);
  }

  /**
   * The loss of a training step, after which the centres take one Wen et al. step towards the
   * batch's features (from the centres the loss used). Training loops call this; the update is
   * explicit because nothing in an activation tells a training step from validation (DJL's
   * {@code hasGradient()} is false for every activation: testing it left the centres at zero).
   */
  public NDArray trainingLoss(NDList labels, NDList predictions) {
    NDArray loss = value(labels, predictions);
    center.update(predictions.get(predictions.size() - 1), labels.head());
    return loss;
  }

  private NDArray value(NDList labels, NDList predictions) {
    if (predictions.size() < 2) {
      throw FerException.badInput(
          "CE + center loss needs [logits, ..., feature] predictions, got "
              + predictions.size()
              + " output(s)");
    }
    NDArray y = labels.head();
    NDArray feature = predictions.get(predictions.size() - 1);
    return CrossEntropy.mean(predictions.head(), y, smoothing).add(Weighted.times(center.loss(feature, y), lambda));
  }
}

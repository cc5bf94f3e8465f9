package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.FerException;

/**
 * Stochastic depth in torchvision's "row" mode ({@code torchvision.ops.stochastic_depth}): in
 * training each sample of the batch keeps the residual branch with probability {@code 1 - p} and
 * the kept ones are scaled by {@code 1 / (1 - p)}; in inference it is the identity.
 *
 * @see <a href="https://arxiv.org/abs/1603.09382">Huang et al., Deep Networks with Stochastic
 *     Depth</a>
 */
public final class StochasticDepth extends ShapePreservingBlock {
  private final float dropProbability;

  /**
   * @param dropProbability probability p of dropping a sample's branch, in [0, 1]
   */
  public StochasticDepth(float dropProbability) {
    if (!(dropProbability >= 0f && dropProbability <= 1f)) {
      throw FerException.badInput(
          "stochastic depth probability must be in [0, 1], was " + dropProbability);
    }
    this.dropProbability = dropProbability;
  }

  /** The drop probability p. */
  public float dropProbability() {
    return dropProbability;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    if (!training || dropProbability == 0f) {
      return new NDList(x);
    }
    float keep = 1f - dropProbability;
    long[] maskShape = new long[x.getShape().dimension()];
    java.util.Arrays.fill(maskShape, 1L);
    maskShape[0] = x.getShape().get(0);
    NDArray mask =
        x.getManager()
            .randomUniform(0f, 1f, new Shape(maskShape))
            .lt(keep)
            .toType(x.getDataType(), false);
    if (keep > 0f) {
      mask = mask.div(keep);
    }
    return new NDList(x.mul(mask));
  }

  @Override
  public String toString() {
    return "StochasticDepth(p=" + dropProbability + ", mode=row)";
  }
}

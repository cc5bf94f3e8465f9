package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.FerException;

/**
 * Layer normalisation over the channel axis of an (N, C, H, W) tensor, as torchvision's {@code
 * torchvision.models.convnext.LayerNorm2d}: permute to channels-last, normalise the last axis,
 * permute back. Parameters are {@code gamma} and {@code beta} of shape (C), which map to PyTorch's
 * {@code weight} and {@code bias}.
 *
 * @see <a href="https://arxiv.org/abs/2201.03545">Liu et al., A ConvNet for the 2020s</a>
 */
public final class LayerNorm2d extends ShapePreservingBlock {
  private final int channels;
  private final float eps;
  private final Parameter gamma;
  private final Parameter beta;

  /**
   * @param channels number of channels C
   * @param eps added to the variance; ConvNeXt uses 1e-6
   */
  public LayerNorm2d(int channels, float eps) {
    if (channels < 1) {
      throw FerException.badInput("LayerNorm2d channels must be >= 1, was " + channels);
    }
    this.channels = channels;
    this.eps = eps;
    gamma =
        addParameter(
            Parameter.builder()
                .setName("gamma")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels))
                .build());
    beta =
        addParameter(
            Parameter.builder()
                .setName("beta")
                .setType(Parameter.Type.BETA)
                .optShape(new Shape(channels))
                .build());
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    NDArray g = ps.getValue(gamma, x.getDevice(), training);
    NDArray b = ps.getValue(beta, x.getDevice(), training);
    NDArray channelsLast = x.transpose(0, 2, 3, 1);
    NDArray normed = LayerNorm.layerNorm(channelsLast, new Shape(channels), g, b, eps).head();
    return new NDList(normed.transpose(0, 3, 1, 2));
  }

  /** Number of channels C. */
  public int channels() {
    return channels;
  }

  /** The value added to the variance. */
  public float eps() {
    return eps;
  }

  @Override
  public String toString() {
    return "LayerNorm2d(" + channels + ", eps=" + eps + ")";
  }
}

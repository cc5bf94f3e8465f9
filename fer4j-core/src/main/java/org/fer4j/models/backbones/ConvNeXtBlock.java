package org.fer4j.models.backbones;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.IndexedSequential;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.ShapePreservingBlock;
import org.fer4j.layers.StochasticDepth;
import org.fer4j.layers.TorchLayers;

/**
 * torchvision's {@code CNBlock} ({@code torchvision/models/convnext.py}): 7x7 depth-wise
 * convolution, channels-last LayerNorm, Linear 4C, exact GELU, Linear C, then a per-channel layer
 * scale ({@code layer_scale}, shape (C, 1, 1)), stochastic depth and the residual sum. The {@code
 * block} chain keeps torchvision's indices: 0 conv, 1 permute, 2 norm, 3 linear, 4 GELU, 5 linear,
 * 6 permute.
 *
 * @see <a href="https://arxiv.org/abs/2201.03545">Liu et al., A ConvNet for the 2020s</a>
 */
public final class ConvNeXtBlock extends ShapePreservingBlock implements MacCounting {
  /** LayerNorm eps of every ConvNeXt normalisation layer. */
  public static final float LAYER_NORM_EPS = 1e-6f;

  private final Parameter layerScale;
  private final IndexedSequential block;
  private final StochasticDepth stochasticDepth;

  /**
   * @param dim channels C
   * @param layerScaleInit initial value of every layer-scale entry (1e-6 in ConvNeXt)
   * @param stochasticDepthProb probability of dropping the residual branch in training
   */
  public ConvNeXtBlock(int dim, float layerScaleInit, float stochasticDepthProb) {
    layerScale =
        addParameter(
            Parameter.builder()
                .setName("layer_scale")
                .setType(Parameter.Type.OTHER)
                .optShape(new Shape(dim, 1, 1))
                .optInitializer(new ConstantInitializer(layerScaleInit))
                .build());
    block =
        addChildBlock(
            "block",
            new IndexedSequential()
                .addAll(
                    TorchLayers.conv2d(dim, 7, 1, 3, dim, true),
                    Lambda.permute(0, 2, 3, 1),
                    TorchLayers.layerNormChannelsLast(LAYER_NORM_EPS),
                    TorchLayers.linear(4L * dim),
                    Lambda.gelu(),
                    TorchLayers.linear(dim),
                    Lambda.permute(0, 3, 1, 2)));
    stochasticDepth = addChildBlock("stochastic_depth", new StochasticDepth(stochasticDepthProb));
  }

  /** The drop probability of this block's stochastic depth. */
  public float stochasticDepthProb() {
    return stochasticDepth.dropProbability();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.head();
    NDArray scale = ps.getValue(layerScale, x.getDevice(), training);
    // Activation first: a result joins its first operand's manager, and the layer scale's is the
    // model's, which would keep every step's autograd graph (all activations) alive.
    NDArray branch = BlockCalls.forward(block, ps, x, training).mul(scale);
    branch = BlockCalls.forward(stochasticDepth, ps, branch, training);
    return new NDList(branch.add(x));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape out = BlockCalls.initialize(block, manager, dataType, inputShapes[0]);
    stochasticDepth.initialize(manager, dataType, out);
  }

  @Override
  public long macs(Shape... inputShapes) {
    return MacCounter.count(block, inputShapes);
  }
}

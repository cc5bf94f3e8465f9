package org.fer4j.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.ShapePreservingBlock;
import org.fer4j.layers.SpatialPool;

/**
 * Efficient Channel Attention: global average pooling, a 1-D convolution of size k across the
 * channel axis (no bias, "same" padding), a sigmoid and a per-channel rescale. The kernel size
 * adapts to the channel count, {@code t = int(|log2(C) + b| / gamma)} with gamma=2, b=1 and {@code
 * k = t} if t is odd else {@code t + 1}, giving 3, 5, 5 for C = 64, 256, 512. Wang et al.,
 * "ECA-Net: Efficient Channel Attention for Deep Convolutional Neural Networks", CVPR 2020, <a
 * href="https://arxiv.org/abs/1910.03151">arXiv:1910.03151</a> (BangguWu/ECANet, {@code
 * models/eca_module.py}).
 *
 * <p>Input and output: {@code (N, C, H, W)}.
 */
public final class EcaBlock extends ShapePreservingBlock implements MacCounting {
  private static final double GAMMA = 2.0;
  private static final double B = 1.0;

  private final int kernelSize;
  private final Conv1d conv;

  private EcaBlock(Builder builder) {
    kernelSize = builder.kernelSize > 0 ? builder.kernelSize : kernelSizeFor(builder.channels);
    conv =
        addChildBlock(
            "conv",
            Conv1d.builder()
                .setKernelShape(new Shape(kernelSize))
                .optPadding(new Shape((kernelSize - 1) / 2))
                .setFilters(1)
                .optBias(false)
                .build());
  }

  /** ECA-Net's adaptive kernel size for {@code channels} channels. */
  public static int kernelSizeFor(int channels) {
    int t = (int) (Math.abs(Math.log(channels) / Math.log(2) + B) / GAMMA);
    return t % 2 == 1 ? t : t + 1;
  }

  public int kernelSize() {
    return kernelSize;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long n = x.getShape().get(0);
    long c = x.getShape().get(1);
    NDArray y = SpatialPool.mean(x, false).reshape(n, 1, c);
    y = conv.forward(ps, new NDList(y), training).singletonOrThrow().reshape(n, c, 1, 1);
    return new NDList(x.mul(Activation.sigmoid(y)));
  }

  @Override
  public long macs(Shape... inputShapes) {
    return MacCounter.count(conv, new Shape(inputShapes[0].get(0), 1, inputShapes[0].get(1)));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    conv.initialize(manager, dataType, new Shape(inputShapes[0].get(0), 1, inputShapes[0].get(1)));
  }

  /** Builder: {@code setChannels} is required; {@code optKernelSize} overrides the formula. */
  public static final class Builder {
    private int channels;
    private int kernelSize;

    public Builder setChannels(int channels) {
      this.channels = channels;
      return this;
    }

    /** A fixed odd kernel size instead of the adaptive one. */
    public Builder optKernelSize(int kernelSize) {
      this.kernelSize = kernelSize;
      return this;
    }

    public EcaBlock build() {
      AttentionFactory.requireChannels("EcaBlock", channels);
      if (kernelSize < 0 || (kernelSize > 0 && kernelSize % 2 == 0)) {
        throw org.fer4j.FerException.badInput(
            "EcaBlock kernelSize must be odd and positive (or 0 for adaptive), was " + kernelSize);
      }
      return new EcaBlock(this);
    }
  }
}

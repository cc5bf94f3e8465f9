package org.fer4j.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.ShapePreservingBlock;
import org.fer4j.layers.SpatialPool;

/**
 * Squeeze-and-Excitation channel attention: global average pooling, a bottleneck of two 1x1
 * convolutions (C to C/r to C, ReLU between, biases on), a sigmoid, and a per-channel rescale of
 * the input. Hu, Shen, Sun, "Squeeze-and-Excitation Networks", CVPR 2018, <a
 * href="https://arxiv.org/abs/1709.01507">arXiv:1709.01507</a>; the 1x1-conv form and the child
 * names {@code fc1}/{@code fc2} follow timm's {@code timm/layers/squeeze_excite.py}.
 *
 * <p>Input and output: {@code (N, C, H, W)}.
 */
public final class SeBlock extends ShapePreservingBlock implements MacCounting {
  private final Conv2d fc1;
  private final Conv2d fc2;

  private SeBlock(ChannelAttentionBuilder<SeBlock> builder) {
    int hidden = builder.options().reduced(builder.channels());
    fc1 = addChildBlock("fc1", conv1x1(hidden, true));
    fc2 = addChildBlock("fc2", conv1x1(builder.channels(), true));
  }

  static Conv2d conv1x1(int filters, boolean bias) {
    return Conv2d.builder()
        .setKernelShape(new Shape(1, 1))
        .setFilters(filters)
        .optBias(bias)
        .build();
  }

  /** {@code setChannels} required; {@code optOptions} optional. */
  public static ChannelAttentionBuilder<SeBlock> builder() {
    return new ChannelAttentionBuilder<>("SeBlock", SeBlock::new);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray s = SpatialPool.mean(x, true);
    s = Activation.relu(fc1.forward(ps, new NDList(s), training).singletonOrThrow());
    s = fc2.forward(ps, new NDList(s), training).singletonOrThrow();
    return new NDList(x.mul(Activation.sigmoid(s)));
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
    return MacCounter.count(fc1, pooled)
        + MacCounter.count(fc2, BlockCalls.outputShape(fc1, pooled));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
    Shape hidden = BlockCalls.initialize(fc1, manager, dataType, pooled);
    fc2.initialize(manager, dataType, hidden);
  }
}

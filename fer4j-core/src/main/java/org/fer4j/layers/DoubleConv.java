package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * U-Net's unit: (Conv 3x3, padding 1, no bias, BatchNorm, ReLU) twice. Ronneberger, Fischer, Brox,
 * "U-Net", MICCAI 2015, <a href="https://arxiv.org/abs/1505.04597">arXiv:1505.04597</a> (padded
 * convolutions with BatchNorm, as most modern re-implementations do).
 */
public final class DoubleConv extends AbstractBlock implements MacCounting {
  private final Conv2d conv1;
  private final BatchNorm bn1;
  private final Conv2d conv2;
  private final BatchNorm bn2;

  /** Both convolutions output {@code channels} channels. */
  public DoubleConv(int channels) {
    conv1 = addChildBlock("conv1", conv3x3(channels));
    bn1 = addChildBlock("bn1", batchNorm());
    conv2 = addChildBlock("conv2", conv3x3(channels));
    bn2 = addChildBlock("bn2", batchNorm());
  }

  static Conv2d conv3x3(int channels) {
    return Conv2d.builder()
        .setKernelShape(new Shape(3, 3))
        .optPadding(new Shape(1, 1))
        .setFilters(channels)
        .optBias(false)
        .build();
  }

  /** BatchNorm with PyTorch's defaults (eps 1e-5, momentum 0.1, which DJL writes as 0.9). */
  static BatchNorm batchNorm() {
    return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    x = conv1.forward(ps, new NDList(x), training).singletonOrThrow();
    x = Activation.relu(bn1.forward(ps, new NDList(x), training).singletonOrThrow());
    x = conv2.forward(ps, new NDList(x), training).singletonOrThrow();
    return new NDList(Activation.relu(bn2.forward(ps, new NDList(x), training).singletonOrThrow()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return conv1.getOutputShapes(inputShapes);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = BlockCalls.initialize(conv1, manager, dataType, inputShapes[0]);
    bn1.initialize(manager, dataType, s);
    conv2.initialize(manager, dataType, s);
    bn2.initialize(manager, dataType, s);
  }

  /** Two 3x3 convolutions. */
  @Override
  public long macs(Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape out = conv1.getOutputShapes(new Shape[] {in})[0];
    long positions = out.get(0) * out.get(2) * out.get(3);
    return positions * out.get(1) * 9 * (in.get(1) + out.get(1));
  }
}

package org.fer4j.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.fer4j.layers.ShapePreservingBlock;
import org.fer4j.layers.TorchLayers;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.SpatialPool;

/**
 * Convolutional Block Attention Module, channel gate then spatial gate. Woo, Park, Lee, Kweon,
 * "CBAM: Convolutional Block Attention Module", ECCV 2018, <a
 * href="https://arxiv.org/abs/1807.06521">arXiv:1807.06521</a>; laid out as MA-Net uses it ({@code
 * zengqunzhao/MA-Net:model/attention.py}):
 *
 * <ul>
 *   <li>channel gate: one MLP (Linear C to C/r, ReLU, Linear C/r to C, with biases) applied to the
 *       average-pooled and to the max-pooled vector, the two summed, then a sigmoid;
 *   <li>spatial gate on the channel-gated map: [max over C, mean over C] (2 channels), Conv 7x7
 *       (padding 3, no bias), BatchNorm (eps 1e-5, PyTorch momentum 0.01), sigmoid.
 * </ul>
 *
 * <p>Input and output: {@code (N, C, H, W)}.
 */
public final class CbamBlock extends ShapePreservingBlock implements MacCounting {
  /** PyTorch momentum 0.01 of MA-Net's spatial BatchNorm; DJL counts momentum the other way. */
  private static final float DJL_BN_MOMENTUM = 0.99f;

  private final Linear mlpIn;
  private final Linear mlpOut;
  private final Conv2d spatialConv;
  private final BatchNorm spatialBn;

  private CbamBlock(ChannelAttentionBuilder<CbamBlock> builder) {
    mlpIn =
        addChildBlock(
            "mlp_in", TorchLayers.linear(builder.channels(), builder.options().reduced(builder.channels())));
    mlpOut = addChildBlock("mlp_out", TorchLayers.linear(builder.options().reduced(builder.channels()), builder.channels()));
    spatialConv =
        addChildBlock(
            "spatial_conv",
            Conv2d.builder()
                .setKernelShape(new Shape(7, 7))
                .optPadding(new Shape(3, 3))
                .setFilters(1)
                .optBias(false)
                .build());
    spatialBn =
        addChildBlock(
            "spatial_bn",
            BatchNorm.builder().optEpsilon(1e-5f).optMomentum(DJL_BN_MOMENTUM).build());
  }

  /** {@code setChannels} required; {@code optOptions} optional. */
  public static ChannelAttentionBuilder<CbamBlock> builder() {
    return new ChannelAttentionBuilder<>("CbamBlock", CbamBlock::new);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long n = x.getShape().get(0);
    long c = x.getShape().get(1);
    NDArray pooled =
        NDArrays.concat(new NDList(SpatialPool.mean(x, false), SpatialPool.max(x, false)));
    NDArray h = Activation.relu(mlpIn.forward(ps, new NDList(pooled), training).singletonOrThrow());
    NDArray att = mlpOut.forward(ps, new NDList(h), training).singletonOrThrow();
    NDArray channelGate = Activation.sigmoid(att.get("0:" + n).add(att.get(n + ":")));
    NDArray gated = x.mul(channelGate.reshape(n, c, 1, 1));

    NDArray pool2 =
        NDArrays.concat(
            new NDList(gated.max(new int[] {1}, true), gated.mean(new int[] {1}, true)), 1);
    NDArray s = spatialConv.forward(ps, new NDList(pool2), training).singletonOrThrow();
    s = spatialBn.forward(ps, new NDList(s), training).singletonOrThrow();
    return new NDList(gated.mul(Activation.sigmoid(s)));
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape pooled = new Shape(2 * in.get(0), in.get(1));
    long mlp =
        MacCounter.count(mlpIn, pooled)
            + MacCounter.count(mlpOut, BlockCalls.outputShape(mlpIn, pooled));
    return mlp + MacCounter.count(spatialConv, new Shape(in.get(0), 2, in.get(2), in.get(3)));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape hidden =
        BlockCalls.initialize(mlpIn, manager, dataType, new Shape(2 * in.get(0), in.get(1)));
    mlpOut.initialize(manager, dataType, hidden);
    Shape pool2 = new Shape(in.get(0), 2, in.get(2), in.get(3));
    Shape s = BlockCalls.initialize(spatialConv, manager, dataType, pool2);
    spatialBn.initialize(manager, dataType, s);
  }
}

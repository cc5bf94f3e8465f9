package org.fer4j.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.ShapePreservingBlock;

/**
 * Embedded-Gaussian non-local block: {@code y_i = sum_j softmax_j(theta(x_i)^T phi(x_j)) g(x_j)},
 * {@code z = BN(W_z y) + x}, with theta, phi, g and W_z 1x1 convolutions (with bias) and an inner
 * width of C/2. Wang, Girshick, Gupta, He, "Non-local Neural Networks", CVPR 2018, <a
 * href="https://arxiv.org/abs/1711.07971">arXiv:1711.07971</a> ({@code
 * facebookresearch/video-nonlocal-net}).
 *
 * <p>The paper initialises the BatchNorm scale to zero so the block starts as the identity; that is
 * {@link Builder#optZeroInit(boolean)} (off by default in fer4j because a zero scale gives theta,
 * phi and g exactly zero gradients on the first step, which hides wiring errors in the gradient
 * checks). Input and output: {@code (N, C, H, W)}.
 */
public final class NonLocalBlock extends ShapePreservingBlock implements MacCounting {
  private final Conv2d theta;
  private final Conv2d phi;
  private final Conv2d g;
  private final Conv2d wz;
  private final BatchNorm bn;

  private NonLocalBlock(Builder builder) {
    int inner = builder.inner > 0 ? builder.inner : Math.max(1, builder.channels / 2);
    theta = addChildBlock("theta", SeBlock.conv1x1(inner, true));
    phi = addChildBlock("phi", SeBlock.conv1x1(inner, true));
    g = addChildBlock("g", SeBlock.conv1x1(inner, true));
    wz = addChildBlock("w", SeBlock.conv1x1(builder.channels, true));
    bn = addChildBlock("bn", BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
    if (builder.zeroInit) {
      bn.setInitializer(Initializer.ZEROS, Parameter.Type.GAMMA);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape s = x.getShape();
    long n = s.get(0);
    long positions = s.get(2) * s.get(3);
    NDArray t = flat(theta.forward(ps, new NDList(x), training).singletonOrThrow(), n, positions);
    NDArray p = flat(phi.forward(ps, new NDList(x), training).singletonOrThrow(), n, positions);
    NDArray v = flat(g.forward(ps, new NDList(x), training).singletonOrThrow(), n, positions);
    NDArray affinity = t.transpose(0, 2, 1).matMul(p).softmax(2); // (N, HW_i, HW_j)
    NDArray y = v.matMul(affinity.transpose(0, 2, 1)); // (N, inner, HW_i)
    y = y.reshape(n, y.getShape().get(1), s.get(2), s.get(3));
    NDArray z = wz.forward(ps, new NDList(y), training).singletonOrThrow();
    z = bn.forward(ps, new NDList(z), training).singletonOrThrow();
    return new NDList(z.add(x));
  }

  private static NDArray flat(NDArray a, long n, long positions) {
    return a.reshape(n, a.getShape().get(1), positions);
  }

  /** The four 1x1 convolutions plus the two (HW x HW) products. */
  @Override
  public long macs(Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape inner = BlockCalls.outputShape(theta, in);
    long positions = in.get(2) * in.get(3);
    long products = 2 * in.get(0) * positions * positions * inner.get(1);
    return 3 * MacCounter.count(theta, in) + MacCounter.count(wz, inner) + products;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape innerShape = BlockCalls.initialize(theta, manager, dataType, in);
    phi.initialize(manager, dataType, in);
    g.initialize(manager, dataType, in);
    bn.initialize(manager, dataType, BlockCalls.initialize(wz, manager, dataType, innerShape));
  }

  /** Builder: {@code setChannels} required; inner width (C/2) and zero-init optional. */
  public static final class Builder {
    private int channels;
    private int inner;
    private boolean zeroInit;

    public Builder setChannels(int channels) {
      this.channels = channels;
      return this;
    }

    public Builder optInnerChannels(int inner) {
      this.inner = inner;
      return this;
    }

    /** Start as the identity by zeroing the output BatchNorm scale, as the paper does. */
    public Builder optZeroInit(boolean zeroInit) {
      this.zeroInit = zeroInit;
      return this;
    }

    public NonLocalBlock build() {
      AttentionFactory.requireChannels("NonLocalBlock", channels);
      return new NonLocalBlock(this);
    }
  }
}

package org.fer4j.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.fer4j.layers.ShapePreservingBlock;
import org.fer4j.layers.TorchLayers;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.FerException;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.SpatialPool;

/**
 * Contextual Channel Attention (CC Attention) of FAER: Xu et al., "Facial attribute estimation and
 * expression recognition based on contextual channel attention", Journal of Computer Applications
 * 45(1):253-260, 2025, DOI 10.11772/j.issn.1001-9081.2024010098, Eqs. 1-6; the layout follows the
 * authors' {@code XUJ1Er/FAER:FaceAttribute/FAER/models/convnext.py}. With {@code X} channels-last
 * per position:
 *
 * <ul>
 *   <li>key {@code K' = Linear(GELU(Linear(X)))} (C to C/8 to C) times the global average of X;
 *   <li>value {@code V = Linear(X)} (C to C);
 *   <li>query {@code Q = LayerNorm(GELU(Conv kxk(X)))}, k=7, padding 3, 4 groups, with bias;
 *   <li>{@code out = Softmax_positions(K' + Q) * V + X}: the softmax runs over the H*W positions,
 *       separately per channel.
 * </ul>
 *
 * <p>GELU is the exact (erf) form, as {@code nn.GELU()}; LayerNorm eps is 1e-5. Input and output:
 * {@code (N, C, H, W)}; C must be divisible by 8 and by the group count.
 */
public final class ContextualChannelBlock extends ShapePreservingBlock implements MacCounting {
  private final Linear mlp1;
  private final Linear mlp2;
  private final Linear value;
  private final Conv2d depthwise;
  private final LayerNorm norm;

  private ContextualChannelBlock(Builder builder) {
    int c = builder.channels;
    int k = builder.kernelSize;
    mlp1 = addChildBlock("mlp1", TorchLayers.linear(c, c / 8));
    mlp2 = addChildBlock("mlp2", TorchLayers.linear(c / 8, c));
    value = addChildBlock("value", TorchLayers.linear(c, c));
    depthwise =
        addChildBlock(
            "depthwise",
            Conv2d.builder()
                .setKernelShape(new Shape(k, k))
                .optPadding(new Shape(k / 2, k / 2))
                .setFilters(c)
                .optGroups(builder.groups)
                .build());
    norm = addChildBlock("norm", LayerNorm.builder().axis(3).optEpsilon(1e-5f).build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long hw = s.get(2) * s.get(3);
    NDArray perm = x.transpose(0, 2, 3, 1);
    NDArray v = value.forward(ps, new NDList(perm), training).singletonOrThrow().reshape(b, hw, c);
    NDArray attended = attention(ps, x, training).mul(v);
    NDArray out = attended.reshape(b, s.get(2), s.get(3), c).transpose(0, 3, 1, 2);
    return new NDList(out.add(x));
  }

  /**
   * The attention weights {@code Softmax_positions(K' + Q)} the block multiplies the values with:
   * for every channel a distribution over the H*W positions (each column sums to 1). Exposed for
   * explanations ({@code org.fer4j.explain}); the forward pass uses exactly this.
   *
   * @param x the block input (N, C, H, W)
   * @return (N, H*W, C)
   */
  public NDArray attention(ParameterStore ps, NDArray x, boolean training) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long hw = s.get(2) * s.get(3);
    NDArray perm = x.transpose(0, 2, 3, 1);
    NDArray pool = SpatialPool.mean(x, false).reshape(b, 1, 1, c);
    NDArray key = Activation.gelu(mlp1.forward(ps, new NDList(perm), training).singletonOrThrow());
    key =
        mlp2.forward(ps, new NDList(key), training).singletonOrThrow().mul(pool).reshape(b, hw, c);
    NDArray q = depthwise.forward(ps, new NDList(x), training).singletonOrThrow();
    q = Activation.gelu(q.transpose(0, 2, 3, 1));
    q = norm.forward(ps, new NDList(q), training).singletonOrThrow().reshape(b, hw, c);
    return q.add(key).softmax(1);
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape last = new Shape(in.get(0), in.get(2), in.get(3), in.get(1));
    return MacCounter.count(mlp1, last)
        + MacCounter.count(mlp2, BlockCalls.outputShape(mlp1, last))
        + MacCounter.count(value, last)
        + MacCounter.count(depthwise, in);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    Shape last = new Shape(in.get(0), in.get(2), in.get(3), in.get(1));
    mlp2.initialize(manager, dataType, BlockCalls.initialize(mlp1, manager, dataType, last));
    value.initialize(manager, dataType, last);
    depthwise.initialize(manager, dataType, in);
    norm.initialize(manager, dataType, last);
  }

  /** Builder: {@code setChannels} required; kernel size (7) and groups (4) optional. */
  public static final class Builder {
    private int channels;
    private int kernelSize = 7;
    private int groups = 4;

    public Builder setChannels(int channels) {
      this.channels = channels;
      return this;
    }

    public Builder optKernelSize(int kernelSize) {
      this.kernelSize = kernelSize;
      return this;
    }

    public Builder optGroups(int groups) {
      this.groups = groups;
      return this;
    }

    public ContextualChannelBlock build() {
      AttentionFactory.requireChannels("ContextualChannelBlock", channels);
      if (channels % 8 != 0 || groups < 1 || channels % groups != 0) {
        throw FerException.badInput(
            "ContextualChannelBlock needs channels divisible by 8 and by groups="
                + groups
                + ", got channels="
                + channels);
      }
      if (kernelSize < 1 || kernelSize % 2 == 0) {
        throw FerException.badInput(
            "ContextualChannelBlock kernelSize must be odd and positive, was " + kernelSize);
      }
      return new ContextualChannelBlock(this);
    }
  }
}

package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One pre-norm transformer encoder layer on {@code (B, N, D)} tokens: {@code x = x + Attn(LN(x)); x
 * = x + FF(LN(x))} with {@code FF = Linear(D, mlp), GELU (tanh approximation), Linear(mlp, D)},
 * LayerNorm eps 1e-5, no dropout, as in GCA+IAL ({@code
 * muse1998/IAL-for-Facial-Expression-Recognition:modules.py}); see docs/methods.md#gcsa-cai.
 */
public final class TransformerLayer extends ShapePreservingBlock implements MacCounting {
  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

  private final LayerNorm norm1;
  private final MultiHeadSelfAttention attn;
  private final LayerNorm norm2;
  private final Linear ff1;
  private final Linear ff2;

  /** A layer of width {@code dim} with the given heads, head width and hidden MLP width. */
  public TransformerLayer(int dim, int heads, int dimHead, int mlpDim) {
    norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).optEpsilon(1e-5f).build());
    attn = addChildBlock("attn", new MultiHeadSelfAttention(dim, heads, dimHead));
    norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).optEpsilon(1e-5f).build());
    ff1 = addChildBlock("ff1", TorchLayers.linear(dim, mlpDim));
    ff2 = addChildBlock("ff2", TorchLayers.linear(mlpDim, dim));
  }

  /** GELU with the tanh approximation: {@code 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3)))}. */
  public static NDArray geluTanh(NDArray x) {
    NDArray inner = x.add(x.pow(3).mul(0.044715)).mul(SQRT_2_OVER_PI);
    return x.mul(inner.tanh().add(1)).mul(0.5);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray h = norm1.forward(ps, new NDList(x), training).singletonOrThrow();
    x = x.add(attn.forward(ps, new NDList(h), training).singletonOrThrow());
    h = norm2.forward(ps, new NDList(x), training).singletonOrThrow();
    h = geluTanh(ff1.forward(ps, new NDList(h), training).singletonOrThrow());
    return new NDList(x.add(ff2.forward(ps, new NDList(h), training).singletonOrThrow()));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    norm1.initialize(manager, dataType, in);
    attn.initialize(manager, dataType, in);
    norm2.initialize(manager, dataType, in);
    ff2.initialize(manager, dataType, BlockCalls.initialize(ff1, manager, dataType, in));
  }

  /** Attention MACs plus the two feed-forward linears. */
  @Override
  public long macs(Shape... inputShapes) {
    Shape in = inputShapes[0];
    long tokens = in.get(0) * in.get(1);
    long mlp = ff1.getOutputShapes(new Shape[] {in})[0].get(2);
    return attn.macs(in) + 2 * tokens * in.get(2) * mlp;
  }
}

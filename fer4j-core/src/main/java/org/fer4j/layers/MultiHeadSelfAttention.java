package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.fer4j.FerException;

/**
 * Multi-head scaled dot-product self-attention over tokens {@code (B, N, D)}: one bias-free
 * projection {@code to_qkv} (D to 3 heads dh), {@code softmax(q k^T dh^-0.5) v} per head, and an
 * output projection {@code to_out} (heads dh to D, with bias). Vaswani et al., "Attention Is All
 * You Need", <a href="https://arxiv.org/abs/1706.03762">arXiv:1706.03762</a>; the layout (separate
 * head width dh, no dropout) is that of GCA+IAL's transformer ({@code
 * muse1998/IAL-for-Facial-Expression-Recognition:modules.py}).
 */
public final class MultiHeadSelfAttention extends ShapePreservingBlock implements MacCounting {
  private final int heads;
  private final int dimHead;
  private final Linear toQkv;
  private final Linear toOut;

  /**
   * @param dim token width D
   * @param heads number of heads
   * @param dimHead width of each head
   */
  public MultiHeadSelfAttention(int dim, int heads, int dimHead) {
    if (dim < 1 || heads < 1 || dimHead < 1) {
      throw FerException.badInput(
          "attention needs dim, heads and dimHead >= 1, got "
              + dim
              + ", "
              + heads
              + ", "
              + dimHead);
    }
    this.heads = heads;
    this.dimHead = dimHead;
    toQkv =
        addChildBlock(
            "to_qkv", TorchLayers.linearNoBias(3L * heads * dimHead));
    toOut = addChildBlock("to_out", TorchLayers.linear((long) heads * dimHead, dim));
  }

  /** Number of attention heads. */
  public int heads() {
    return heads;
  }

  /** Width of each head. */
  public int dimHead() {
    return dimHead;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    long b = x.getShape().get(0);
    long n = x.getShape().get(1);
    NDArray qkv = toQkv.forward(ps, new NDList(x), training).singletonOrThrow();
    qkv = qkv.reshape(b, n, 3, heads, dimHead).transpose(2, 0, 3, 1, 4); // (3, B, h, N, dh)
    NDArray q = qkv.get(0);
    NDArray k = qkv.get(1);
    NDArray v = qkv.get(2);
    NDArray attn = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(dimHead)).softmax(-1);
    NDArray out = attn.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, (long) heads * dimHead);
    return toOut.forward(ps, new NDList(out), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    toQkv.initialize(manager, dataType, in);
    toOut.initialize(manager, dataType, new Shape(in.get(0), in.get(1), (long) heads * dimHead));
  }

  /** Projections plus the two attention products, {@code 2 B h N^2 dh}. */
  @Override
  public long macs(Shape... inputShapes) {
    Shape in = inputShapes[0];
    long b = in.get(0);
    long n = in.get(1);
    long d = in.get(2);
    long inner = (long) heads * dimHead;
    return b * n * d * 3 * inner + 2 * b * n * n * inner + b * n * inner * d;
  }
}

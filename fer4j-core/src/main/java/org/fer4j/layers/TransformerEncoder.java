package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;

/**
 * A stack of {@link TransformerLayer pre-norm encoder layers} on {@code (B, N, D)} tokens (no final
 * norm, as in GCA+IAL's {@code Transformer}). Vaswani et al., <a
 * href="https://arxiv.org/abs/1706.03762">arXiv:1706.03762</a>; pre-norm placement as in ViT,
 * Dosovitskiy et al., <a href="https://arxiv.org/abs/2010.11929">arXiv:2010.11929</a>.
 */
public final class TransformerEncoder extends ShapePreservingBlock implements MacCounting {
  private final List<TransformerLayer> layers = new ArrayList<>();

  private TransformerEncoder(Builder b) {
    for (int i = 0; i < b.depth; i++) {
      layers.add(
          addChildBlock("layer" + i, new TransformerLayer(b.dim, b.heads, b.dimHead, b.mlpDim)));
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    for (TransformerLayer layer : layers) {
      x = layer.forward(ps, new NDList(x), training).singletonOrThrow();
    }
    return new NDList(x);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (TransformerLayer layer : layers) {
      layer.initialize(manager, dataType, inputShapes[0]);
    }
  }

  /** Sum of the layers' MACs. */
  @Override
  public long macs(Shape... inputShapes) {
    return layers.stream().mapToLong(l -> l.macs(inputShapes)).sum();
  }

  /**
   * Builder: {@code setDim}, {@code setDepth}, {@code setHeads} required; dh 32, mlp 4D default.
   */
  public static final class Builder {
    private int dim;
    private int depth;
    private int heads;
    private int dimHead = 32;
    private int mlpDim;

    public Builder setDim(int dim) {
      this.dim = dim;
      return this;
    }

    public Builder setDepth(int depth) {
      this.depth = depth;
      return this;
    }

    public Builder setHeads(int heads) {
      this.heads = heads;
      return this;
    }

    public Builder optDimHead(int dimHead) {
      this.dimHead = dimHead;
      return this;
    }

    public Builder optMlpDim(int mlpDim) {
      this.mlpDim = mlpDim;
      return this;
    }

    public TransformerEncoder build() {
      if (dim < 1 || depth < 1 || heads < 1 || dimHead < 1) {
        throw FerException.badInput(
            "TransformerEncoder needs dim, depth, heads, dimHead >= 1; got dim="
                + dim
                + " depth="
                + depth
                + " heads="
                + heads
                + " dimHead="
                + dimHead);
      }
      if (mlpDim <= 0) {
        mlpDim = 4 * dim;
      }
      return new TransformerEncoder(this);
    }
  }
}

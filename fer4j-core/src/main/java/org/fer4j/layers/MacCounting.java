package org.fer4j.layers;

import ai.djl.ndarray.types.Shape;

/**
 * A block that reports its own multiply-accumulate count (MACs) for a given input shape.
 *
 * <p>{@link MacCounter} counts DJL's convolutions and {@code Linear} layers, chains ({@link
 * IndexedSequential}, {@code SequentialBlock}), {@code ParallelBlock} and parameter-free or
 * normalisation leaves by itself. Every other composite block must implement this interface; a
 * block that is not covered makes {@link MacCounter#count} fail with a message naming its class.
 *
 * <p>How a new block plugs in: compute each child's input shape with {@code
 * child.getOutputShapes(...)} (no forward pass is needed), add {@code MacCounter.count(child,
 * childInput)} for every child on the path, and add by hand the products the block computes itself.
 * The convention is torchvision's "GFLOPS" column: count one MAC per multiply-add of a convolution,
 * a linear layer or a matrix product ({@code matMul}, {@code batchMatMul}, attention's Q·Kᵀ and
 * A·V); do not count element-wise work, normalisation, activations or pooling. For an attention
 * block over N tokens of width d with h heads: {@code 2 * B * N * N * d} for the two products
 * (independent of h) plus its projections' linears.
 */
public interface MacCounting {

  /**
   * Multiply-accumulates of one forward pass.
   *
   * @param inputShapes the shapes of the block's inputs, batch axis included (MACs scale with it)
   * @return the MAC count for the whole batch
   */
  long macs(Shape... inputShapes);
}

package org.fer4j.layers;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Shape bookkeeping for composite blocks: initialise a child on the shape it will see and get
 * back the shape it produces, so a parent can thread shapes through its children in the same
 * order as its forward pass (what DJL's {@code SequentialBlock.initializeChildBlocks} does for a
 * plain chain).
 */
public final class BlockShapes {
  private BlockShapes() {}

  /** Initialises {@code child} for {@code input} and returns its first output shape. */
  public static Shape init(Block child, NDManager manager, DataType dataType, Shape input) {
    child.initialize(manager, dataType, input);
    return child.getOutputShapes(new Shape[] {input})[0];
  }

  /** The shape {@code (d0, d1, ...)} with axis {@code axis} replaced by {@code size}. */
  public static Shape withAxis(Shape shape, int axis, long size) {
    long[] dims = shape.getShape();
    dims[axis] = size;
    return new Shape(dims);
  }

  /** Output size of a convolution or pooling window along one axis (PyTorch's formula). */
  public static long convOut(long in, int kernel, int stride, int padding) {
    return (in + 2L * padding - kernel) / stride + 1;
  }
}

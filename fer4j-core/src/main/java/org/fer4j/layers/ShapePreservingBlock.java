package org.fer4j.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;

/**
 * A block whose output has the shape of its (first) input: attention gates, residual wrappers,
 * normalisations. Stating it once here keeps each such block to the code that differs.
 */
public abstract class ShapePreservingBlock extends AbstractBlock {

  @Override
  public final Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }
}

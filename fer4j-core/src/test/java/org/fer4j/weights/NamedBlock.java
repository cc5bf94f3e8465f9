package org.fer4j.weights;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixture: a container whose children carry torchvision-style names ({@code conv1}, {@code
 * bn1}, {@code fc}, ...) and which may own plain parameters (e.g. {@code layer_scale}). Each child
 * is initialised with its own input shape; forward is not needed by the weight tests.
 */
final class NamedBlock extends AbstractBlock {
  private final List<Shape> childInputs = new ArrayList<>();

  NamedBlock child(String name, Block block, Shape inputShape) {
    addChildBlock(name, block);
    childInputs.add(inputShape);
    return this;
  }

  NamedBlock param(String name, Shape shape) {
    addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).build());
    return this;
  }

  /** Initialises everything in {@code manager} (the input shape is unused). */
  NamedBlock init(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1));
    return this;
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    for (int i = 0; i < children.size(); i++) {
      children.get(i).getValue().initialize(manager, dataType, childInputs.get(i));
    }
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return inputs;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}

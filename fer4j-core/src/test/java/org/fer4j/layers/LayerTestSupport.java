package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/** Helpers for layer tests: set named parameters by hand and run a block in inference mode. */
public final class LayerTestSupport {
  private LayerTestSupport() {}

  /** Sets the one parameter whose full DJL name ends with {@code suffix}. */
  public static void set(Block block, String suffix, float... values) {
    List<String> matches = new ArrayList<>();
    Parameter found = null;
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getKey().endsWith(suffix)) {
        matches.add(p.getKey());
        found = p.getValue();
      }
    }
    if (matches.size() != 1) {
      throw new IllegalArgumentException(
          "expected one parameter ending in "
              + suffix
              + ", found "
              + matches
              + " among "
              + block.getParameters().keys());
    }
    NDArray a = found.getArray();
    a.set(a.getManager().create(values).reshape(a.getShape()).toFloatArray());
  }

  /** Runs the block once, not training, and returns its outputs. */
  public static NDList run(Block block, NDManager m, boolean training, NDArray... inputs) {
    return block.forward(new ParameterStore(m, false), new NDList(inputs), training);
  }

  /** Initialises the block for the given input shape in float32. */
  public static void init(Block block, NDManager m, Shape... shapes) {
    block.initialize(m, DataType.FLOAT32, shapes);
  }

  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}

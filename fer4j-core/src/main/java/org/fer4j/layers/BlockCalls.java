package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * One-array helpers for composite blocks: most fer4j blocks take and return a single tensor, and
 * DJL's {@link Block} API speaks in {@link NDList}s and shape arrays.
 */
public final class BlockCalls {
  private BlockCalls() {}

  /** Runs {@code block} on one array and returns its first output. */
  /**
   * Moves {@code derived} (a view or function of a parameter) to the manager of {@code activation}
   * and returns it. An op's result joins its first operand's manager; for a parameter that is the
   * model's, which lives as long as the model, so each training step would leave the result (and
   * the autograd node behind it) there.
   */
  public static NDArray stepScoped(NDArray derived, NDArray activation) {
    derived.attach(activation.getManager());
    return derived;
  }

  public static NDArray forward(Block block, ParameterStore ps, NDArray x, boolean training) {
    return block.forward(ps, new NDList(x), training).head();
  }

  /** Initialises {@code block} for one input shape and returns its output shape. */
  public static Shape initialize(Block block, NDManager manager, DataType type, Shape input) {
    block.initialize(manager, type, input);
    return block.getOutputShapes(new Shape[] {input})[0];
  }

  /** The output shape of {@code block} for one input shape, computed without running it. */
  public static Shape outputShape(Block block, Shape input) {
    return block.getOutputShapes(new Shape[] {input})[0];
  }
}

package org.fer4j.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import org.fer4j.FerException;

/**
 * Counts multiply-accumulates (MACs) of a block from shapes alone, without running it. See {@link
 * MacCounting} for the counting convention and for how custom blocks report their own count.
 */
public final class MacCounter {
  private MacCounter() {}

  /**
   * A block MACs cannot be counted for: a composite that neither implements {@link MacCounting}
   * nor is a chain this class knows. The one error a caller may treat as "no count" rather than a
   * bug.
   */
  public static final class UncountableBlockException extends FerException {
    private static final long serialVersionUID = 1L;

    UncountableBlockException(String message) {
      super(Kind.INTERNAL, message);
    }
  }

  /**
   * MACs of one forward pass of {@code block} on inputs of the given shapes.
   *
   * @throws UncountableBlockException for a composite block that neither implements {@link
   *     MacCounting} nor is a chain this class knows
   */
  public static long count(Block block, Shape... inputShapes) {
    if (block instanceof MacCounting counting) {
      return counting.macs(inputShapes);
    }
    if (block instanceof Convolution conv) {
      return convolution(conv, inputShapes[0]);
    }
    if (block instanceof Linear linear) {
      Shape in = inputShapes[0];
      Shape out = linear.getOutputShapes(new Shape[] {in})[0];
      return out.size() * in.get(in.dimension() - 1);
    }
    if (block instanceof IndexedSequential || block instanceof SequentialBlock) {
      return chain(block, inputShapes);
    }
    if (block instanceof ParallelBlock) {
      long total = 0;
      for (Block child : block.getChildren().values()) {
        total += count(child, inputShapes);
      }
      return total;
    }
    if (block.getChildren().isEmpty() && !hasWeights(block)) {
      // Activations, pooling, reshapes and normalisation layers: no MACs by convention.
      return 0;
    }
    throw new UncountableBlockException(
        "cannot count MACs of "
            + block.getClass().getName()
            + ": implement org.fer4j.layers.MacCounting in that block");
  }

  /** MACs of a convolution: every output element costs (C_in / groups) x kernel-volume MACs. */
  static long convolution(Convolution conv, Shape input) {
    Shape out = conv.getOutputShapes(new Shape[] {input})[0];
    long perOutput = (input.get(1) / conv.getGroups()) * conv.getKernelShape().size();
    return out.size() * perOutput;
  }

  private static long chain(Block block, Shape... inputShapes) {
    Shape[] cur = inputShapes;
    long total = 0;
    for (Block child : block.getChildren().values()) {
      total += count(child, cur);
      cur = child.getOutputShapes(cur);
    }
    return total;
  }

  private static boolean hasWeights(Block block) {
    for (Parameter p : block.getDirectParameters().values()) {
      if (p.getType() == Parameter.Type.WEIGHT) {
        return true;
      }
    }
    return false;
  }
}

package org.fer4j.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Locale;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;

/**
 * Size and cost of a model: its parameter count (as PyTorch's {@code sum(p.numel() for p in
 * model.parameters())}, so BatchNorm running statistics are not counted) and its
 * multiply-accumulate count (MACs) for one input, counted as torchvision's "GFLOPS" column does:
 * convolutions, linear layers and matrix products only (see {@link MacCounting} for how custom
 * blocks report theirs).
 *
 * @param parameters trainable-parameter count
 * @param macs multiply-accumulates of one forward pass at {@code input}
 * @param input the input shape counted, batch axis included
 */
public record Complexity(long parameters, long macs, Shape input) {

  /**
   * Counts an initialised block at one input shape (use batch 1 for per-image figures).
   *
   * @throws IllegalStateException if the block is not initialised
   */
  public static Complexity of(Block block, Shape input) {
    return new Complexity(parameterCount(block), MacCounter.count(block, input), input);
  }

  /**
   * Builds the model of {@code spec} with its default class count, initialises it on a temporary
   * manager (no forward pass) and counts it at the spec's input size with batch 1.
   */
  public static Complexity of(ModelSpec spec) {
    Shape input = ModelInput.shape(spec.preprocess());
    Block block = spec.build();
    try (NDManager manager = NDManager.newBaseManager()) {
      block.initialize(manager, DataType.FLOAT32, input);
      return of(block, input);
    }
  }

  /**
   * Number of parameter values, excluding BatchNorm running mean and variance (buffers in PyTorch).
   */
  public static long parameterCount(Block block) {
    long total = 0;
    for (Parameter p : block.getParameters().values()) {
      if (p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR) {
        continue;
      }
      if (p.getShape() == null) {
        throw new IllegalStateException(
            "parameter " + p.getName() + " has no shape yet: initialise the block first");
      }
      total += p.getShape().size();
    }
    return total;
  }

  /** MACs in billions. */
  public double gmacs() {
    return macs / 1e9;
  }

  /** e.g. "11,689,512 params, 1.81 GMACs". */
  public String summary() {
    return String.format(Locale.ROOT, "%,d params, %.2f GMACs", parameters, gmacs());
  }
}

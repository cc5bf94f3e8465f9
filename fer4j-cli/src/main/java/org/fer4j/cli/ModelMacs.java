package org.fer4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.PrintStream;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.layers.MacCounter;
import org.fer4j.models.Complexity;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;

/** Forward MACs of one image (or clip) for the benchmark's GFLOPS column. */
final class ModelMacs {
  private ModelMacs() {}

  /** MACs of one sample at the given size, or -1 when a block of the model cannot be counted. */
  static long perImage(String model, int classes, int height, int width, int frames, PrintStream err) {
    Block block = ModelRegistry.get(model).build(ModelOptions.of(classes));
    Shape input = ModelInput.shape(1, 3, frames, height, width);
    return perSample(block, input, model, err);
  }

  /**
   * MACs of an uninitialised block at one input shape. Only a block MacCounter cannot count gives
   * -1 (said on {@code err}: the benchmark still reports images/s); any other error is real and
   * propagates.
   */
  static long perSample(Block block, Shape input, String name, PrintStream err) {
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, input);
      return Complexity.of(block, input).macs();
    } catch (MacCounter.UncountableBlockException e) {
      err.println("bench: no GFLOPS for " + name + " (" + e.getMessage() + ")");
      return -1;
    }
  }
}

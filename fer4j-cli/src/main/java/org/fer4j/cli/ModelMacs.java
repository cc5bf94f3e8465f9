package org.fer4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.fer4j.models.Complexity;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;

/** Forward MACs of one image (or clip) for the benchmark's GFLOPS column. */
final class ModelMacs {
  private ModelMacs() {}

  /** MACs of one sample at the given size, or -1 when the model cannot be counted. */
  static long perImage(String model, int classes, int height, int width, int frames) {
    Block block = ModelRegistry.get(model).build(ModelOptions.of(classes));
    Shape input =
        frames > 1 ? new Shape(1, 3, frames, height, width) : new Shape(1, 3, height, width);
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, input);
      return Complexity.of(block, input).macs();
    } catch (RuntimeException e) {
      return -1; // a model without MAC counting still gets images/s
    }
  }
}

package org.fer4j.models.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Freshly built models start at PyTorch's scale. Parity tests copy PyTorch's weights, so they
 * cannot see initialisation; DJL's default weight initialiser (He-normal) made GCSA's initial
 * logits about 8x the reference's and its first-epoch loss 30-60 instead of about 2.
 */
class TorchInitTest {
  @BeforeAll
  static void engine() {
    Engines.init(EngineOptions.defaults().withThreads(1));
  }

  @Test
  void everyLinearWeightHasPytorchsDefaultScale() {
    Map<String, Shape> models =
        Map.of(
            "gcsa_resnet18", new Shape(2, 3, 4, 64, 64),
            "lnlj", new Shape(2, 3, 64, 64),
            "aglf_resnet18", new Shape(2, 3, 64, 64),
            "cbam_resnet18", new Shape(2, 3, 64, 64));
    try (NDManager m = NDManager.newBaseManager()) {
      models.forEach(
          (name, in) -> {
            Block b = ModelRegistry.get(name).build(options(name));
            b.initialize(m, DataType.FLOAT32, in);
            List<Linear> linears = new ArrayList<>();
            collect(b, linears);
            assertThat(linears).as(name).isNotEmpty();
            for (Linear l : linears) {
              NDArray w = l.getParameters().get("weight").getArray();
              double expected = 1 / Math.sqrt(3.0 * w.getShape().get(1)); // U(+-1/sqrt(in))
              double rms = w.pow(2).mean().sqrt().getFloat();
              if (w.size() >= 1000) { // too few samples below that for a 15 % band
                assertThat(rms).as(name + " " + w.getShape()).isCloseTo(expected, within(0.15 * expected));
              }
              assertThat(w.abs().max().getFloat()).isLessThanOrEqualTo((float) (expected * Math.sqrt(3) * 1.0001));
            }
          });
    }
  }

  @Test
  void gcsaStartsNearChanceLikeTheReference() {
    // The PyTorch reference (tools/reference, same options) gives logits std 1.1 and CE 1.99.
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = ModelRegistry.get("gcsa_resnet18").build(options("gcsa_resnet18"));
      Shape in = new Shape(16, 3, 4, 64, 64);
      b.initialize(m, DataType.FLOAT32, in);
      NDArray logits =
          b.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), true).get(0);
      NDArray labels = m.arange(16).toType(DataType.INT32, false).mod(7);
      float ce =
          Loss.softmaxCrossEntropyLoss()
              .evaluate(new NDList(labels), new NDList(logits))
              .getFloat();
      assertThat(ce).isBetween(1.2f, 3f);
    }
  }

  private static ModelOptions options(String name) {
    return name.startsWith("gcsa")
        ? new ModelOptions(7, Map.of("frames", "4", "size", "64"))
        : ModelOptions.of(7);
  }

  private static void collect(Block b, List<Linear> out) {
    if (b instanceof Linear l) {
      out.add(l);
    }
    b.getChildren().values().forEach(c -> collect(c, out));
  }
}

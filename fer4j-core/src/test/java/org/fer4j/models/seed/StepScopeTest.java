package org.fer4j.models.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A training step leaves nothing in the model's manager: every array it makes belongs to the
 * step's manager and is freed with it. An op's result joins its first operand's manager, so
 * {@code layerScale.mul(x)} in ConvNeXt once put each step's whole autograd graph into the
 * model's manager: FAER training grew by about 150 MB/s until the kernel killed it.
 */
class StepScopeTest {
  @BeforeAll
  static void engine() {
    Engines.init(EngineOptions.defaults().withThreads(1));
  }

  @Test
  void trainingStepsLeaveNoArraysInTheModelsManager() {
    Map<String, Shape> models =
        Map.of(
            "faer_convnext_tiny", new Shape(2, 3, 32, 32),
            "gcsa_resnet18", new Shape(2, 3, 4, 64, 64),
            "lnlj", new Shape(2, 3, 64, 64),
            "aglf_resnet18", new Shape(2, 3, 32, 32));
    models.forEach(
        (name, in) -> {
          try (NDManager model = NDManager.newBaseManager()) {
            ModelOptions options =
                name.startsWith("gcsa")
                    ? new ModelOptions(7, Map.of("frames", "4", "size", "64"))
                    : ModelOptions.of(7);
            Block b = ModelRegistry.get(name).build(options);
            b.initialize(model, DataType.FLOAT32, in);
            b.getParameters().values().stream().filter(Parameter::requiresGradient)
                .forEach(p -> p.getArray().setRequiresGradient(true));
            ParameterStore ps = new ParameterStore(model, false);
            step(b, ps, model, in); // the first backward creates the gradient arrays
            int after1 = ((BaseNDManager) model).getManagedArrays().size();
            step(b, ps, model, in);
            step(b, ps, model, in);
            assertThat(((BaseNDManager) model).getManagedArrays().size())
                .as(name + ": arrays in the model's manager after two more steps")
                .isEqualTo(after1);
          }
        });
  }

  private static void step(Block b, ParameterStore ps, NDManager model, Shape in) {
    try (NDManager step = model.newSubManager();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray x = step.randomUniform(0, 1, in);
      NDList out = b.forward(ps, new NDList(x), true);
      NDArray loss = out.head().pow(2).mean();
      gc.backward(loss);
      for (Parameter p : b.getParameters().values()) {
        if (p.getArray().hasGradient()) {
          NDArray g = p.getArray().getGradient(); // a new handle each call: scope it too
          g.attach(step);
          g.muli(0);
        }
      }
    }
  }
}

package org.fer4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.engine.Engines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.fer4j.data.PreprocessConfig;

/**
 * The same checks for every registered model (timm's {@code tests/test_models.py}), so a model
 * registered later is covered without touching this class: output shape for 7 and 8 classes, no
 * NaN, a gradient for every parameter after one backward pass, and a save/load round trip.
 *
 * <p>Image models run at batch 2 and 64x64 to stay fast; clip models at their own size.
 */
class ModelRegistryTest {
  private static final int BATCH = 2;
  private static final int SMALL_SIDE = 64;

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  static List<String> names() {
    return ModelRegistry.names();
  }

  @Test
  void registersTheTorchvisionBackbonesWithTheirCamLayers() {
    assertThat(names())
        .contains("resnet18", "resnet34", "resnet50", "convnext_tiny", "convnext_base");
    assertThat(ModelRegistry.get("resnet50").camLayer()).isEqualTo("layer4");
    assertThat(ModelRegistry.get("convnext_tiny").camLayer()).isEqualTo("stage4");
    assertThat(ModelRegistry.get("resnet18").labels().size()).isEqualTo(1000);
    assertThat(ModelRegistry.get("resnet18").preprocess())
        .isEqualTo(PreprocessConfig.imagenet(224));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void eightClassModelGivesEightFiniteLogitsInInferenceAndTraining(String name) {
    ModelSpec spec = ModelRegistry.get(name);
    try (NDManager m = NDManager.newBaseManager()) {
      Block block = spec.build(ModelOptions.of(8));
      NDArray x = input(m, spec);
      block.initialize(m, DataType.FLOAT32, x.getShape());
      ParameterStore ps = new ParameterStore(m, false);
      for (boolean training : new boolean[] {false, true}) {
        NDArray logits = block.forward(ps, new NDList(x), training).head();
        assertFiniteLogits(logits, 8, "training=" + training);
      }
    }
  }

  /**
   * One model per registered name (building the large ones dominates the run time), checked in
   * three steps: a 7-class training step whose logits are finite and whose backward pass reaches
   * every parameter; then its inference output, which a fresh block loaded from the saved
   * parameters must reproduce exactly (BatchNorm running statistics included, as the training step
   * moved them).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void sevenClassTrainingStepReachesEveryParameterAndSaveLoadKeepsOutput(String name)
      throws Exception {
    ModelSpec spec = ModelRegistry.get(name);
    // Stochastic regularisers off (conventional timm keys), or a dropped branch has no gradient.
    ModelOptions options = ModelOptions.of(7).with("drop_path_rate", "0").with("drop_rate", "0");
    try (NDManager m = NDManager.newBaseManager()) {
      Block block = spec.build(options);
      NDArray x = input(m, spec);
      block.initialize(m, DataType.FLOAT32, x.getShape());
      ParameterStore ps = new ParameterStore(m, false);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList outputs = block.forward(ps, new NDList(x), true);
        assertFiniteLogits(outputs.head(), 7, "training step");
        NDArray labels = m.create(new float[] {1, 5});
        // Every (batch, classes) output is a classifier (auxiliary and region heads of the seed
        // models too), and each is trained by its own cross-entropy term.
        NDArray loss = null;
        for (NDArray out : outputs) {
          if (out.getShape().equals(outputs.head().getShape())) {
            NDArray ce =
                Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(out));
            loss = loss == null ? ce : loss.add(ce);
          }
        }
        gc.backward(loss);
      }
      assertThat(parametersWithoutGradient(block)).as("parameters without gradient").isEmpty();

      float[] expected = block.forward(ps, new NDList(x), false).head().toFloatArray();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        block.saveParameters(out);
      }
      Block restored = spec.build(options);
      try (DataInputStream in =
          new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        restored.loadParameters(m, in);
      }
      float[] actual = restored.forward(ps, new NDList(x), false).head().toFloatArray();
      assertThat(actual).containsExactly(expected);
    }
  }

  private static void assertFiniteLogits(NDArray logits, int classes, String when) {
    assertThat(logits.getShape()).as(when).isEqualTo(new Shape(BATCH, classes));
    assertThat(logits.isNaN().any().getBoolean()).as("NaN, %s", when).isFalse();
    assertThat(logits.isInfinite().any().getBoolean()).as("Inf, %s", when).isFalse();
  }

  /** Names of trainable parameters whose gradient is all zeros (or NaN). */
  private static List<String> parametersWithoutGradient(Block block) {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, Parameter> e : ParameterNames.torchNames(block).entrySet()) {
      Parameter p = e.getValue();
      if (!p.requiresGradient()) {
        continue;
      }
      checked++;
      float gradientMass = p.getArray().getGradient().abs().sum().getFloat();
      if (!(gradientMass > 0f)) {
        missing.add(e.getKey());
      }
    }
    assertThat(checked).as("trainable parameters").isPositive();
    return missing;
  }

  private static NDArray input(NDManager m, ModelSpec spec) {
    PreprocessConfig p = spec.preprocess();
    Shape shape = ModelInput.shape(p);
    long[] dims = shape.getShape();
    dims[0] = BATCH;
    if (p.frames() == 1) {
      dims[dims.length - 2] = SMALL_SIDE;
      dims[dims.length - 1] = SMALL_SIDE;
    }
    Engines.seed(11);
    return m.randomNormal(new Shape(dims));
  }
}

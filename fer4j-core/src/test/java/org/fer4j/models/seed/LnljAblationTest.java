package org.fer4j.models.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import java.util.Map;
import java.util.Set;
import org.fer4j.FerException;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ParameterNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LNLJ ablations of docs/methods.md#lnlj really remove what they claim to: late fusion mixes
 * the region decisions by the non-local weights without any gradient into the local part, and the
 * non-local network alone has no local part at all.
 */
class LnljAblationTest {
  private static final Shape INPUT = new Shape(2, 3, 32, 32);
  private static final ModelOptions SMALL = new ModelOptions(7, Map.of("unet_width", "8"));

  @BeforeAll
  static void engine() {
    Engines.init(EngineOptions.defaults().withThreads(1));
  }

  /** Initialises the block, runs one training forward pass and backpropagates CE(output 0). */
  private static NDList trainStepOnFusedOutputOnly(Block block, NDManager m) {
    block.initialize(m, DataType.FLOAT32, INPUT);
    Engines.seed(3);
    NDArray x = m.randomUniform(0, 1, INPUT);
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDList out = block.forward(new ParameterStore(m, false), new NDList(x), true);
      NDArray labels = m.create(new float[] {1, 4});
      gc.backward(
          Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(out.head())));
      return out;
    }
  }

  private static float gradientMass(Block block, String parameter) {
    Parameter p = ParameterNames.torchNames(block).get(parameter);
    assertThat(p).as(parameter).isNotNull();
    return p.getArray().getGradient().abs().sum().getFloat();
  }

  @Test
  void lateFusionMixesRegionDecisionsWithoutFeedbackIntoTheLocalPart() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block late = ModelRegistry.get("lnlj_late_fusion").build(SMALL);
      NDList out = trainStepOnFusedOutputOnly(late, m);
      assertThat(out).hasSize(6); // fused, 4 region logits, weights (no non-local head: nothing trains it)
      NDArray w = out.get(5);
      NDArray mixture = m.zeros(new Shape(2, 7));
      for (int k = 0; k < 4; k++) {
        mixture = mixture.add(out.get(1 + k).softmax(-1).mul(w.get(":, " + k).expandDims(1)));
      }
      assertThat(out.head().exp().toFloatArray())
          .containsExactly(mixture.toFloatArray(), within(1e-5f));
      assertThat(ParameterNames.torchNames(late).keySet()).doesNotContain("fc.weight");
      // the fused loss trains the weights but sends nothing back into the local networks
      assertThat(gradientMass(late, "weight_fc.weight")).isPositive();
      assertThat(gradientMass(late, "local0.0.weight")).isZero();
      assertThat(gradientMass(late, "local_fc3.weight")).isZero();

      Block full = ModelRegistry.get("lnlj").build(SMALL);
      trainStepOnFusedOutputOnly(full, m);
      assertThat(gradientMass(full, "local0.0.weight")).isPositive();
      assertThat(gradientMass(full, "weight_fc.weight")).isPositive();
    }
  }

  @Test
  void nonLocalAloneHasNoLocalPartAndOneClassifier() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block alone = ModelRegistry.get("lnlj_nonlocal_only").build(SMALL);
      NDList out = trainStepOnFusedOutputOnly(alone, m);
      assertThat(out).hasSize(1);
      assertThat(out.head().getShape()).isEqualTo(new Shape(2, 7));
      Set<String> names = ParameterNames.torchNames(alone).keySet();
      assertThat(names).anyMatch(n -> n.startsWith("unet."));
      assertThat(names).contains("nonlocal_fc.weight");
      assertThat(names)
          .noneMatch(n -> n.startsWith("local") || n.startsWith("weight_fc") || n.startsWith("fc."));
      assertThat(gradientMass(alone, "nonlocal_fc.weight")).isPositive();
      assertThat(((Lnlj) alone).regions()).isZero();
    }
  }

  @Test
  void anAblationNameRefusesAContradictoryFusionOption() {
    assertThatThrownBy(
            () ->
                ModelRegistry.get("lnlj_late_fusion")
                    .build(new ModelOptions(7, Map.of("fusion", "uniform"))))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("fusion late");
    assertThatThrownBy(
            () -> ModelRegistry.get("lnlj").build(new ModelOptions(7, Map.of("fusion", "early"))))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("nonlocal_only");
  }
}

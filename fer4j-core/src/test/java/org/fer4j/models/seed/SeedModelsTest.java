package org.fer4j.models.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.models.Complexity;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.StagedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Output structure of each seed model at small inputs. */
class SeedModelsTest {
  @BeforeAll
  static void engine() {
    // One intra-op thread: on a shared, oversubscribed machine PyTorch's spinning OpenMP
    // workers make every small op wait for a time slice (up to 100x slower). Only takes
    // effect if this class starts the engine.
    Engines.init(EngineOptions.defaults().withThreads(1));
  }

  private static NDList run(Block b, NDManager m, Shape in, boolean training) {
    b.initialize(m, DataType.FLOAT32, in);
    return b.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), training);
  }

  @Test
  void everySeedModelIsRegistered() {
    assertThat(ModelRegistry.names())
        .contains(
            "gcsa_resnet18",
            "aglf_resnet50",
            "aglf_resnet18",
            "faer_convnext_tiny",
            "faer_convnext_base",
            "lnlj",
            "se_resnet18",
            "eca_resnet18",
            "cbam_resnet18");
  }

  @Test
  void aglfFusesTheMeanOfTheRegionSoftmaxes() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block b = ModelRegistry.get("aglf_resnet18").build(ModelOptions.of(8));
      NDList out = run(b, m, new Shape(2, 3, 64, 64), false);
      assertThat(out).hasSize(5);
      NDArray mean = out.get(1).softmax(-1);
      for (int r = 2; r <= 4; r++) {
        mean = mean.add(out.get(r).softmax(-1));
      }
      mean = mean.div(4f);
      assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 8));
      assertThat(out.get(0).exp().toFloatArray())
          .containsExactly(mean.toFloatArray(), within(1e-5f));
      StagedModel staged = (StagedModel) b;
      assertThat(staged.stageNames()).containsExactly("stem", "layer1", "layer2", "eca", "regions");
      NDArray regions =
          staged
              .forwardFeatures(
                  new ParameterStore(m, false), m.zeros(new Shape(1, 3, 64, 64)), false)
              .get(4);
      assertThat(regions.getShape()).isEqualTo(new Shape(1, 512, 4, 4)); // four 2x2 maps stitched
      assertThatThrownBy(
              () ->
                  b.forward(
                      new ParameterStore(m, false),
                      new NDList(m.zeros(new Shape(1, 3, 56, 56))),
                      false))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("divisible by 16");
    }
  }

  @Test
  void aglfWidthScalesEveryLayerAndKeepsTheLayout() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block full = ModelRegistry.get("aglf_resnet18").build(ModelOptions.of(7));
      Block narrow =
          ModelRegistry.get("aglf_resnet18").build(new ModelOptions(7, Map.of("width", "16")));
      Shape in = new Shape(2, 3, 64, 64);
      NDList out = run(narrow, m, in, true);
      assertThat(out).hasSize(5);
      assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 7));
      NDArray regions =
          ((StagedModel) narrow)
              .forwardFeatures(new ParameterStore(m, false), m.zeros(new Shape(1, 3, 64, 64)), false)
              .get(4);
      assertThat(regions.getShape()).isEqualTo(new Shape(1, 128, 4, 4)); // 16 << 3 channels
      full.initialize(m, DataType.FLOAT32, in);
      // Convolutions scale with width^2: a quarter of the width, about a sixteenth of the weights.
      double ratio =
          (double) Complexity.parameterCount(narrow) / Complexity.parameterCount(full);
      assertThat(ratio).isBetween(1 / 20.0, 1 / 12.0);
      assertThatThrownBy(
              () ->
                  ModelRegistry.get("aglf_resnet18")
                      .build(new ModelOptions(7, Map.of("width", "12"))))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("width=12");
    }
  }

  @Test
  void gcsaReturnsLogitsAndTwoAuxiliaryHeadsPerClip() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (String squeeze : List.of("gconv", "avg", "both")) {
        Block b =
            ModelRegistry.get("gcsa_resnet18")
                .build(
                    new ModelOptions(7, Map.of("frames", "4", "size", "64", "squeeze", squeeze)));
        NDList out = run(b, m, new Shape(2, 3, 4, 64, 64), true);
        assertThat(out).hasSize(5);
        for (NDArray a : out.subNDList(0, 3)) {
          assertThat(a.getShape()).as(squeeze).isEqualTo(new Shape(2, 7));
        }
        // then the per-frame channel attention of layer2 and layer3 (explanations)
        assertThat(out.get(3).getShape()).isEqualTo(new Shape(2, 4, 128));
        assertThat(out.get(4).getShape()).isEqualTo(new Shape(2, 4, 256));
      }
      Block wrong =
          ModelRegistry.get("gcsa_resnet18").build(new ModelOptions(7, Map.of("frames", "4")));
      assertThatThrownBy(() -> wrong.initialize(m, DataType.FLOAT32, new Shape(1, 3, 8, 112, 112)))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("frames and size");
    }
  }

  @Test
  void faerHeadsExposeThePooledFeature() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block joint =
          ModelRegistry.get("faer_convnext_tiny")
              .build(new ModelOptions(7, Map.of("heads", "joint")));
      NDList out = run(joint, m, new Shape(2, 3, 64, 64), false);
      assertThat(out.getShapes())
          .containsExactly(new Shape(2, 7), new Shape(2, 40), new Shape(2, 768));
      Block attrs =
          ModelRegistry.get("faer_convnext_tiny")
              .build(new ModelOptions(7, Map.of("heads", "attributes")));
      assertThat(run(attrs, m, new Shape(1, 3, 64, 64), false).getShapes())
          .containsExactly(new Shape(1, 40), new Shape(1, 768));
      assertThatThrownBy(
              () ->
                  ModelRegistry.get("faer_convnext_tiny")
                      .build(new ModelOptions(7, Map.of("heads", "both"))))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("expression, attributes, joint");
    }
  }

  @Test
  void lnljRegionWeightsAreADistributionOverRegions() {
    try (NDManager m = NDManager.newBaseManager()) {
      for (int k : new int[] {4, 9}) {
        Block b =
            ModelRegistry.get("lnlj")
                .build(
                    new ModelOptions(
                        7,
                        Map.of(
                            "regions",
                            Integer.toString(k),
                            "unet_width",
                            "8",
                            "overlap",
                            k == 9 ? "0.25" : "0")));
        NDList out = run(b, m, new Shape(2, 3, 64, 64), false);
        assertThat(out).hasSize(k + 2); // fused, k region logits, weights (no non-local head)
        NDArray w = out.get(k + 1);
        assertThat(w.getShape()).isEqualTo(new Shape(2, k));
        assertThat(w.sum(new int[] {1}).toFloatArray())
            .containsExactly(new float[] {1f, 1f}, within(1e-5f));
        assertThat(w.min().getFloat()).isPositive();
      }
      Block uniform =
          ModelRegistry.get("lnlj")
              .build(new ModelOptions(7, Map.of("fusion", "uniform", "regions_from", "image")));
      NDList out = run(uniform, m, new Shape(1, 3, 64, 64), false);
      assertThat(out).hasSize(6);
      assertThat(out.get(5).toFloatArray()).containsOnly(0.25f);
      assertThatThrownBy(
              () -> ModelRegistry.get("lnlj").build(new ModelOptions(7, Map.of("regions", "6"))))
          .isInstanceOf(FerException.class)
          .hasMessageContaining("4 or 9");
    }
  }

  @Test
  void baselinesCarryTheirAttentionAndCountsMatchHandSums() {
    try (NDManager m = NDManager.newBaseManager()) {
      Shape in = new Shape(1, 3, 64, 64);
      Block eca = ModelRegistry.get("eca_resnet18").build();
      eca.initialize(m, DataType.FLOAT32, in);
      Block se = ModelRegistry.get("se_resnet18").build();
      se.initialize(m, DataType.FLOAT32, in);
      long ecaParams = Complexity.parameterCount(eca);
      // torchvision ResNet-18 at 7 classes: 11,689,512 - 512 * 993 - 993 = 11,180,103.
      // ECA adds one 1-D conv per unit: k = 3 for C = 64, k = 5 for C = 128, 256, 512.
      assertThat(ecaParams).isEqualTo(11_180_103L + 2 * 3 + 6 * 5);
      // SE adds 2 C^2/16 + C/16 + C per unit, two units per width.
      long seExtra = 0;
      for (long c : new long[] {64, 128, 256, 512}) {
        seExtra += 2 * (2 * c * c / 16 + c / 16 + c);
      }
      assertThat(Complexity.parameterCount(se)).isEqualTo(11_180_103L + seExtra);
      assertThat(Complexity.of(se, in).macs()).isGreaterThan(Complexity.of(eca, in).macs());
    }
  }
}

package org.fer4j.models.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.engine.Engines;
import org.fer4j.models.Complexity;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ParameterNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackboneBuildersTest {

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void resnetRejectsAnUnknownDepthListingTheValidOnes() {
    assertThatThrownBy(() -> ResNet.builder().setDepth(19).build())
        .isInstanceOf(FerException.class)
        .hasMessageContaining("[18, 34, 50, 101, 152]")
        .hasMessageContaining("was 19");
    assertThatThrownBy(() -> ResNet.builder().setDepth(18).optNumClasses(0).build())
        .isInstanceOf(FerException.class)
        .hasMessageContaining("numClasses");
  }

  @Test
  void exposesTorchvisionLayersAndFeaturesForAttachingAttention() {
    ResNet resnet50 = ResNet.builder().setDepth(50).build();
    assertThat(resnet50.layer(3).size()).isEqualTo(6);
    assertThat(resnet50.layer(3).get(0)).isInstanceOf(ResNetBlock.class);
    assertThat(((ResNetBlock) resnet50.layer(3).get(0)).kind()).isEqualTo(ResNetBlock.Kind.BOTTLENECK);
    assertThat(resnet50.numFeatures()).isEqualTo(2048);
    assertThatThrownBy(() -> resnet50.layer(5))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("layer1 to layer4");
    ConvNeXt tiny = ConvNeXt.builder().setVariant("tiny").build();
    assertThat(tiny.features().size()).isEqualTo(8);
    assertThat(((org.fer4j.layers.IndexedSequential) tiny.features().get(5)).size()).isEqualTo(9);
  }

  @Test
  void convnextRejectsAnUnknownVariantOrAMissingOne() {
    assertThatThrownBy(() -> ConvNeXt.builder().setVariant("huge"))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("'huge'")
        .hasMessageContaining("[tiny, small, base, large]");
    assertThatThrownBy(() -> ConvNeXt.builder().build())
        .isInstanceOf(FerException.class)
        .hasMessageContaining("setVariant");
  }

  @Test
  void convnextStochasticDepthRisesLinearlyFromZeroToTheVariantsRate() {
    List<Float> tiny = dropProbabilities(ConvNeXt.builder().setVariant("tiny").build());
    assertThat(tiny).hasSize(18);
    assertThat(tiny.get(0)).isZero();
    assertThat(tiny.get(9)).isCloseTo(0.1f * 9 / 17, within(1e-7f));
    assertThat(tiny.get(17)).isCloseTo(0.1f, within(1e-7f));
    List<Float> base = dropProbabilities(ConvNeXt.builder().setVariant("base").build());
    assertThat(base).hasSize(36);
    assertThat(base.get(35)).isCloseTo(0.5f, within(1e-7f));
    List<Float> off =
        dropProbabilities(
            (Block)
                ModelRegistry.get("convnext_tiny")
                    .build(ModelOptions.of(7).with("drop_path_rate", "0")));
    assertThat(off).containsOnly(0f);
  }

  @Test
  void parameterCountLeavesOutBatchNormRunningStatistics() {
    Block resnet = ResNet.builder().setDepth(18).optNumClasses(10).build();
    try (NDManager m = NDManager.newBaseManager()) {
      resnet.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
      long all = 0;
      long running = 0;
      for (var e : ParameterNames.torchNames(resnet).entrySet()) {
        long n = e.getValue().getShape().size();
        all += n;
        running +=
            e.getKey().endsWith("running_mean") || e.getKey().endsWith("running_var") ? n : 0;
      }
      // 11,689,512 with 1000 classes; the fc shrinks by 990 x 513 to 10 classes.
      assertThat(Complexity.parameterCount(resnet)).isEqualTo(11_689_512L - 990L * 513);
      assertThat(all - running).isEqualTo(Complexity.parameterCount(resnet));
      assertThat(running).isEqualTo(2 * 4800); // 2 x BatchNorm channels of ResNet-18
    }
  }

  private static List<Float> dropProbabilities(Block convnext) {
    List<Float> out = new ArrayList<>();
    collect(convnext, out);
    return out;
  }

  private static void collect(Block block, List<Float> out) {
    if (block instanceof ConvNeXtBlock b) {
      out.add(b.stochasticDepthProb());
    }
    for (Block child : block.getChildren().values()) {
      collect(child, out);
    }
  }
}

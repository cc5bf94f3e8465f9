package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fer4j.data.transforms.Augmentations;
import org.fer4j.models.ModelRegistry;
import org.fer4j.study.StudyMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;

/** Every committed recipe parses, validates, names the paper figure it targets and its augmentation. */
class RecipesTest {
  static Stream<Path> recipes() throws Exception {
    return Files.list(Path.of("..", "recipes")).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  @ParameterizedTest
  @MethodSource("recipes")
  void loadsAndIsConsistent(Path recipe) {
    TrainConfig c = TrainConfigs.load(recipe, List.of());
    String file = recipe.getFileName().toString();
    assertThat(file).isEqualTo(c.name() + ".json");
    assertThat(c.epochs()).isPositive();
    // The data format exists and accepts every option the recipe sets.
    var reader = org.fer4j.data.datasets.DatasetReaders.get(c.data().format());
    assertThat(reader.settings().keySet()).as("settings of " + reader.format()).containsAll(c.data().options().keySet());
    // Every recipe states its augmentation and where it comes from (not the silent default).
    assertThat(c.augmentSource()).as("augmentSource of " + file).isNotBlank().isNotEqualTo(Augmentations.DEFAULT_SOURCE);
    if (!file.startsWith("lnlj")) { // LNLJ's numbers are not public (docs/methods.md#lnlj)
      assertThat(c.target()).as("paper target of " + file).isNotNull();
      assertThat(c.target().value()).isBetween(1.0, 100.0);
      assertThat(c.target().source()).isNotBlank();
    }
  }

  /** Every study method has a small *-synth recipe for a registered model, sized for 2 CPU cores. */
  @Test
  void synthRecipesExistForEveryStudyMethodAndAreSmall() {
    for (StudyMethod m : StudyMethod.ALL) {
      TrainConfig c = TrainConfigs.load(Path.of("..", "recipes", m.recipe() + ".json"), List.of());
      assertThat(ModelRegistry.names()).as(m.recipe()).contains(c.model());
      assertThat(c.data().inputSize()).as(m.recipe()).isBetween(32, 64);
      // aglf-synth is also the demo's recipe: 12 epochs of its width-16 AGLF (docs/synthfer.md)
      assertThat(c.epochs()).as(m.recipe()).isBetween(1, 12);
      assertThat(c.data().format()).as(m.recipe()).isEqualTo(m.clips() ? "dfew" : "rafdb");
      assertThat(c.data().frames()).as(m.recipe()).isEqualTo(m.clips() ? 8 : 1);
      assertThat(c.schedule().warmupEpochs()).as("no wasted warm-up epoch in " + m.recipe()).isZero();
    }
    TrainConfig cai = TrainConfigs.load(Path.of("..", "recipes", "gcsa_cai-synth.json"), List.of());
    TrainConfig ce = TrainConfigs.load(Path.of("..", "recipes", "gcsa_ce-synth.json"), List.of());
    assertThat(cai.loss().weights().get("intensity")).isEqualTo(0.1);
    assertThat(ce.loss().weights().get("intensity")).isZero();
    assertThat(ce.model()).isEqualTo(cai.model());
    assertThat(ce.epochs()).isEqualTo(cai.epochs());
  }
}

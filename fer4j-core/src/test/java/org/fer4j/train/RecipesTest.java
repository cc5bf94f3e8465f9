package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every committed recipe parses, validates and names the paper figure it targets. */
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
    if (!file.startsWith("lnlj")) { // LNLJ's numbers are not public (METHODS.md section 4)
      assertThat(c.target()).as("paper target of " + file).isNotNull();
      assertThat(c.target().value()).isBetween(1.0, 100.0);
      assertThat(c.target().source()).isNotBlank();
    }
  }
}

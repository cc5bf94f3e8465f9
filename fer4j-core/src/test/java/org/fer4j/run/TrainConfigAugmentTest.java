package org.fer4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.transforms.AugmentStep;
import org.fer4j.data.transforms.Augmentations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe's {@code augment} section: parsing, the default, overrides and config.json. */
class TrainConfigAugmentTest {
  /** {@link TrainConfigsTest#RECIPE} has no augment section, like every config.json saved before it existed. */
  private static final String WITHOUT_AUGMENT = TrainConfigsTest.RECIPE;

  private static final String WITH_AUGMENT = WITHOUT_AUGMENT.replace(
      "\"epochs\": 60,",
      """
      "augment": [{"step": "random_resized_crop", "scale": [0.85, 1.0]}, {"step": "hflip"},
                  {"step": "rotation", "degrees": 4}],
      "augmentSource": "MA-Net main.py", "epochs": 60,""");

  @TempDir Path dir;

  private Path recipe(String json) throws Exception {
    Path p = dir.resolve("r.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void aRecipeWithoutAugmentTrainsWithTheNamedDefault() throws Exception {
    TrainConfig c = TrainConfigs.load(recipe(WITHOUT_AUGMENT), List.of());
    assertThat(c.augment()).isEqualTo(Augmentations.DEFAULT);
    assertThat(c.augmentSource()).isEqualTo(Augmentations.DEFAULT_SOURCE);
    // An old run's config.json reads the same way.
    assertThat(TrainConfigs.parse(WITHOUT_AUGMENT, "config.json").augment()).isEqualTo(Augmentations.DEFAULT);
  }

  @Test
  void stepsParseInOrderWithDefaultsResolved() throws Exception {
    TrainConfig c = TrainConfigs.load(recipe(WITH_AUGMENT), List.of());
    assertThat(c.augment()).extracting(AugmentStep::step).containsExactly("random_resized_crop", "hflip", "rotation");
    assertThat(c.augment().get(0).params())
        .isEqualTo(Map.of("scale", List.of(0.85, 1.0), "ratio", List.of(0.75, 4.0 / 3)));
    assertThat(c.augment().get(1).number("p")).isEqualTo(0.5);
    assertThat(c.augmentSource()).isEqualTo("MA-Net main.py");
  }

  @Test
  void configJsonRecordsTheResolvedPipelineAndReadsBackEqual() throws Exception {
    TrainConfig c = TrainConfigs.load(recipe(WITH_AUGMENT), List.of());
    String json = TrainConfigs.toJson(c);
    // Every parameter is written, defaults included, each step as one flat object.
    assertThat(json.replaceAll("\\s+", "")).contains(
        "\"augment\":[{\"step\":\"random_resized_crop\",\"scale\":[0.85,1.0],\"ratio\":[0.75,1.3333333333333333]},"
            + "{\"step\":\"hflip\",\"p\":0.5},{\"step\":\"rotation\",\"degrees\":4.0,\"interpolation\":\"bilinear\"}]");
    assertThat(TrainConfigs.parse(json, "config.json")).isEqualTo(c);
    TrainConfig old = TrainConfigs.parse(WITHOUT_AUGMENT, "config.json");
    assertThat(TrainConfigs.parse(TrainConfigs.toJson(old), "config.json")).isEqualTo(old);
  }

  @Test
  void badStepsNameTheRecipeAndTheField() throws Exception {
    Path p = recipe(WITH_AUGMENT.replace("\"degrees\": 4", "\"degrees\": -4"));
    assertThatThrownBy(() -> TrainConfigs.load(p, List.of()))
        .isInstanceOf(FerException.class)
        .hasMessageContaining(p.toString())
        .hasMessageContaining("augment[2].degrees must be a number in [0, 180], was -4");
    Path q = recipe(WITH_AUGMENT.replace("\"hflip\"", "\"mirror\""));
    assertThatThrownBy(() -> TrainConfigs.load(q, List.of())).hasMessageContaining("augment[1].step is 'mirror'");
    Path r = recipe(WITH_AUGMENT.replace("{\"step\": \"hflip\"}", "\"hflip\""));
    assertThatThrownBy(() -> TrainConfigs.load(r, List.of())).hasMessageContaining("augment[1]");
  }

  @Test
  void overridesReplaceTheListAndRecordWhy() throws Exception {
    Path p = recipe(WITH_AUGMENT);
    TrainConfig none = TrainConfigs.load(p, List.of("augment=none"));
    assertThat(none.augment()).isEmpty();
    assertThat(none.augmentSource()).isEqualTo("command-line override: --set augment=none");
    assertThat(TrainConfigs.load(p, List.of("augment=default")).augment()).isEqualTo(Augmentations.DEFAULT);
    TrainConfig json = TrainConfigs.load(p, List.of("augment=[{\"step\": \"hflip\", \"p\": 0.2}]", "augmentSource=mine"));
    assertThat(json.augment()).containsExactly(AugmentStep.of("hflip", "p", 0.2));
    assertThat(json.augmentSource()).isEqualTo("mine");
    // A recipe without the section can still be overridden; other fields keep working beside it.
    TrainConfig old = TrainConfigs.load(recipe(WITHOUT_AUGMENT), List.of("augment=none", "epochs=3"));
    assertThat(old.augment()).isEmpty();
    assertThat(old.epochs()).isEqualTo(3);
    assertThatThrownBy(() -> TrainConfigs.load(p, List.of("augment=heavy")))
        .hasMessageContaining("augment must be a list of steps, 'none' or 'default'; was 'heavy'");
  }
}

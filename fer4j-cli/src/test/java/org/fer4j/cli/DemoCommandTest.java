package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.run.TrainConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer demo --model}: each image model picks its *-synth recipe; clip recipes are refused early. */
class DemoCommandTest {
  @Test
  void modelPicksTheMatchingSynthRecipeByKeyOrModelName() {
    assertThat(DemoCommand.recipeOf("aglf")).isEqualTo("aglf-synth");
    assertThat(DemoCommand.recipeOf("aglf_resnet18")).isEqualTo("aglf-synth");
    assertThat(DemoCommand.recipeOf("resnet18")).isEqualTo("resnet18-synth");
    assertThat(DemoCommand.recipeOf("lnlj")).isEqualTo("lnlj-synth");
    assertThat(DemoCommand.recipeOf("faer_convnext_tiny")).isEqualTo("faer-synth");
    for (String model : List.of("aglf", "resnet18", "lnlj", "faer")) {
      var config = TrainConfigs.load(Recipes.resolve(DemoCommand.recipeOf(model)), List.of());
      assertThat(config.data().format()).as(model).isEqualTo("rafdb");
      assertThat(config.name()).isEqualTo(model + "-synth");
    }
  }

  @Test
  void unknownOrClipModelsAreClearErrors(@TempDir Path dir) {
    assertThatThrownBy(() -> DemoCommand.recipeOf("gcsa_resnet18"))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("--model gcsa_resnet18 has no *-synth image recipe")
        .hasMessageContaining("[resnet18, aglf, lnlj, faer]");
    Object[] r = CliTest.run("demo", "--recipe", "gcsa_cai-synth", "--out", dir.toString(), "--no-progress");
    assertThat(r[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) r[2]).contains("gcsa_cai-synth is a clip recipe").contains("./fer study synth");
    assertThat(dir.toFile().list()).as("nothing generated").isEmpty();
  }

  @Test
  void studyRejectsAnUnknownMethodBeforeTraining(@TempDir Path dir) {
    Object[] r = CliTest.run("study", "synth", "--methods", "vit", "--dir", dir.toString());
    assertThat(r[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) r[2]).contains("unknown method 'vit'");
    assertThat(dir.toFile().list()).isEmpty();
  }
}

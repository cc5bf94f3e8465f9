package org.fer4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TrainConfigsTest {
  public static final String RECIPE =
      """
      {
        "name": "aglf-rafdb", "model": "aglf_resnet50", "modelOptions": {"attention": "cbam"},
        "numClasses": 7,
        "data": {"format": "rafdb", "root": "data/RAF-DB", "options": {}, "inputSize": 224,
                 "frames": 1, "valFraction": 0.1},
        "epochs": 60, "batchSize": 64,
        "optimizer": {"type": "sgd", "lr": 0.01, "momentum": 0.9, "nesterov": false,
                      "weightDecay": 1e-4, "backboneLrScale": 1.0},
        "schedule": {"type": "step", "stepSize": 15, "gamma": 0.1, "warmupEpochs": 0, "minLr": 0},
        "loss": {"type": "joint_region", "weights": {}},
        "gradClip": 0, "labelSmoothing": 0, "balancedSampling": false, "emaDecay": 0,
        "selectMetric": "war", "seed": 1, "workers": 2,
        "target": {"metric": "war", "value": 89.24, "source": "AGLF (seed 001) abstract"}
      }
      """;

  @TempDir Path dir;

  private Path recipe(String json) throws Exception {
    Path p = dir.resolve("r.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void loadsARecipeAndAppliesTypedOverrides() throws Exception {
    TrainConfig c =
        TrainConfigs.load(
            recipe(RECIPE),
            List.of("optimizer.lr=0.05", "epochs=3", "optimizer.nesterov=true",
                "modelOptions.regions=9", "loss.weights.center=0.01"));
    assertThat(c.optimizer().lr()).isEqualTo(0.05);
    assertThat(c.epochs()).isEqualTo(3);
    assertThat(c.optimizer().nesterov()).isTrue();
    assertThat(c.modelOptions()).containsEntry("attention", "cbam").containsEntry("regions", "9");
    assertThat(c.loss().weights()).containsEntry("center", 0.01);
    assertThat(c.target().value()).isEqualTo(89.24);
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    TrainConfig c = TrainConfigs.load(recipe(RECIPE), List.of());
    TrainConfig back = TrainConfigs.parse(TrainConfigs.toJson(c), "config.json");
    assertThat(back).isEqualTo(c);
  }

  @Test
  void unknownOverrideKeyListsTheValidOnes() throws Exception {
    Path p = recipe(RECIPE);
    assertThatThrownBy(() -> TrainConfigs.load(p, List.of("optimizer.learningRate=1")))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("no field 'learningRate'")
        .hasMessageContaining("lr");
    assertThatThrownBy(() -> TrainConfigs.load(p, List.of("epochs=many")))
        .hasMessageContaining("epochs needs a number");
    assertThatThrownBy(() -> TrainConfigs.load(p, List.of("epochs")))
        .hasMessageContaining("key=value");
  }

  @Test
  void invalidValuesNameTheField() throws Exception {
    Path p = recipe(RECIPE);
    assertThatThrownBy(() -> TrainConfigs.load(p, List.of("optimizer.type=adam")))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("optimizer.type")
        .hasMessageContaining("sgd or adamw");
    assertThatThrownBy(() -> TrainConfigs.load(p, List.of("batchSize=0")))
        .hasMessageContaining("batchSize");
    assertThatThrownBy(() -> TrainConfigs.load(recipe(RECIPE.replace("\"epochs\"", "\"epochz\"")), List.of()))
        .hasMessageContaining("epoch");
    assertThatThrownBy(() -> TrainConfigs.load(recipe(RECIPE.replace("\"gradClip\": 0,", "\"gradClip\": 0, \"gradClipp\": 1,")), List.of()))
        .hasMessageContaining("unknown field 'gradClipp'");
  }
}

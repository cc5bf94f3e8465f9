package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fer4j.data.transforms.AugmentStep;
import org.fer4j.data.transforms.Augmentations;
import org.fer4j.data.transforms.ImageTransform;
import org.fer4j.data.transforms.Pipeline;
import org.fer4j.models.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.TrainedModel;

/** The shipped recipes train with their papers' augmentation, and docs/training.md shows it. */
class RecipePipelinesTest {
  /** The transform each step name builds. */
  private static final Map<String, String> CLASS_OF_STEP = Map.of(
      "resize", "Resize", "random_resized_crop", "RandomResizedCrop", "random_sized_crop", "RandomSizedCrop",
      "hflip", "HorizontalFlip", "rotation", "RandomRotation", "color_jitter", "ColorJitter",
      "random_erasing", "RandomErasing");

  static Stream<Path> recipes() throws Exception {
    return RecipesTest.recipes();
  }

  private static TrainConfig recipe(String name) {
    return TrainConfigs.load(Path.of("..", "recipes", name + ".json"), List.of());
  }

  private static List<AugmentStep> resolved(AugmentStep... steps) {
    return Augmentations.resolve(List.of(steps), "augment");
  }

  @Test
  void gcaIalClipsAreCroppedFlippedBrightenedAndRotatedAsInItsCode() {
    List<AugmentStep> ial = resolved(
        AugmentStep.of("random_sized_crop", "scale", List.of(0.85, 1.0), "ratio", List.of(3.0 / 5, 5.0 / 3)),
        AugmentStep.of("hflip", "p", 0.5),
        AugmentStep.of("color_jitter", "brightness", 0.6),
        AugmentStep.of("rotation", "degrees", 4, "interpolation", "nearest"));
    assertThat(recipe("gcsa_cai-dfew").augment()).isEqualTo(ial);
    assertThat(recipe("gcsa_cai-ferv39k").augment()).isEqualTo(ial);
  }

  @Test
  void aglfTrainsWithMaNetsTorchvisionCropAndFlip() {
    List<AugmentStep> manet = resolved(AugmentStep.of("random_resized_crop"), AugmentStep.of("hflip"));
    assertThat(manet.get(0).range("scale")).containsExactly(0.08, 1.0);
    assertThat(recipe("aglf-rafdb").augment()).isEqualTo(manet);
    assertThat(recipe("aglf-ferplus").augment()).isEqualTo(manet);
    assertThat(recipe("aglf-rafdb").augmentSource()).contains("MA-Net").contains("silent");
  }

  @Test
  void faerOnlyResizesAndFlips() {
    List<AugmentStep> faer = resolved(AugmentStep.of("resize"), AugmentStep.of("hflip"));
    for (String name : List.of("faer-rafdb", "faer-affectnet7", "faer-celeba")) {
      assertThat(recipe(name).augment()).as(name).isEqualTo(faer);
      assertThat(recipe(name).augmentSource()).as(name).contains("XUJ1Er/FAER");
    }
  }

  /** The pipeline a recipe builds runs exactly its listed steps, then resize and normalisation. */
  @ParameterizedTest
  @MethodSource("recipes")
  void pipelineHasExactlyTheListedStepsInOrder(Path file) {
    TrainConfig c = TrainConfigs.load(file, List.of());
    var input = TrainedModel.preprocessOf(c, ModelRegistry.get(c.model()));
    List<String> expected = new java.util.ArrayList<>();
    c.augment().forEach(s -> expected.add(CLASS_OF_STEP.get(s.step())));
    boolean erasing = expected.remove("RandomErasing");
    expected.addAll(List.of("Resize", "Normalize"));
    if (erasing) {
      expected.add("RandomErasing");
    }
    List<ImageTransform<?>> steps = Pipeline.train(c.augment(), input).steps();
    assertThat(steps).extracting(t -> t.getClass().getSimpleName()).containsExactlyElementsOf(expected);
  }

  /** docs/training.md has one row per recipe with the augmentation the recipe resolves to. */
  @ParameterizedTest
  @MethodSource("recipes")
  void docsTableShowsTheRecipesAugmentationAndSource(Path file) throws Exception {
    TrainConfig c = TrainConfigs.load(file, List.of());
    List<String> rows = Files.readAllLines(Path.of("..", "docs", "training.md")).stream()
        .filter(l -> l.startsWith("| `" + c.name() + "`")).toList();
    assertThat(rows).as("rows for " + c.name()).hasSize(1);
    assertThat(rows.get(0)).contains("| " + Augmentations.describe(c.augment()) + " |");
  }
}

package org.fer4j.data.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.FerException;
import org.fer4j.data.PreprocessConfig;
import org.junit.jupiter.api.Test;

class AugmentationsTest {
  private static final PreprocessConfig INPUT = PreprocessConfig.imagenet(48);

  @Test
  void resolveFillsDefaultsInTheStepsParameterOrder() {
    List<AugmentStep> resolved = Augmentations.resolve(
        List.of(AugmentStep.of("hflip"), AugmentStep.of("random_resized_crop", "ratio", List.of(1, 2)),
            AugmentStep.of("color_jitter", "hue", 0.1)), "augment");
    assertThat(resolved.get(0).params()).isEqualTo(Map.of("p", 0.5));
    assertThat(resolved.get(1).params()).isEqualTo(Map.of("scale", List.of(0.08, 1.0), "ratio", List.of(1.0, 2.0)));
    assertThat(resolved.get(2).params().keySet()).containsExactly("brightness", "contrast", "saturation", "hue");
    assertThat(resolved.get(2).number("hue")).isEqualTo(0.1);
    assertThat(resolved.get(2).number("brightness")).isZero();
  }

  @Test
  void badStepsNameTheField() {
    assertThatThrownBy(() -> resolve(AugmentStep.of("hflip"), AugmentStep.of("rotation", "degrees", -3)))
        .isInstanceOf(FerException.class).hasMessageContaining("augment[1].degrees must be a number in [0, 180], was -3");
    assertThatThrownBy(() -> resolve(AugmentStep.of("blur", "sigma", 1)))
        .hasMessageContaining("augment[0].step is 'blur'; valid steps: resize, random_resized_crop");
    assertThatThrownBy(() -> resolve(new AugmentStep(null, Map.of())))
        .hasMessageContaining("augment[0].step is missing");
    assertThatThrownBy(() -> resolve(AugmentStep.of("hflip", "prob", 0.5)))
        .hasMessageContaining("augment[0].prob is not a parameter of hflip; valid: p");
    assertThatThrownBy(() -> resolve(AugmentStep.of("resize", "size", 5)))
        .hasMessageContaining("augment[0].size is not a parameter of resize; valid: none");
    assertThatThrownBy(() -> resolve(AugmentStep.of("rotation")))
        .hasMessageContaining("augment[0].degrees is required for rotation");
    assertThatThrownBy(() -> resolve(AugmentStep.of("random_resized_crop", "scale", List.of(0.9, 0.2))))
        .hasMessageContaining("augment[0].scale must be [min, max] with min <= max, both in (0, 1]; was [0.9, 0.2]");
    assertThatThrownBy(() -> resolve(AugmentStep.of("random_sized_crop", "ratio", 1.0)))
        .hasMessageContaining("augment[0].ratio must be [min, max]");
    assertThatThrownBy(() -> resolve(AugmentStep.of("color_jitter", "hue", 0.7)))
        .hasMessageContaining("augment[0].hue must be a number in [0, 0.5], was 0.7");
    assertThatThrownBy(() -> resolve(AugmentStep.of("rotation", "degrees", 4, "interpolation", "cubic")))
        .hasMessageContaining("augment[0].interpolation must be one of bilinear, nearest; was cubic");
    assertThatThrownBy(() -> resolve(AugmentStep.of("hflip", "p", "often")))
        .hasMessageContaining("augment[0].p must be a number in [0, 1], was often");
  }

  @Test
  void randomErasingMustBeListedLast() {
    assertThatThrownBy(() -> resolve(AugmentStep.of("random_erasing"), AugmentStep.of("hflip")))
        .hasMessageContaining("augment[0].step random_erasing must be the last step")
        .hasMessageContaining("after normalisation");
  }

  @Test
  void pipelineRunsTheListedStepsInOrderThenResizeAndNormalisation() {
    List<AugmentStep> steps = List.of(
        AugmentStep.of("random_sized_crop", "scale", List.of(0.85, 1.0), "ratio", List.of(0.6, 5.0 / 3)),
        AugmentStep.of("hflip", "p", 0.3),
        AugmentStep.of("color_jitter", "brightness", 0.6),
        AugmentStep.of("rotation", "degrees", 4, "interpolation", "nearest"),
        AugmentStep.of("random_erasing", "p", 0.2));
    List<ImageTransform<?>> p = Pipeline.train(steps, INPUT).steps();
    assertThat(p).extracting(t -> t.getClass().getSimpleName()).containsExactly("RandomSizedCrop",
        "HorizontalFlip", "ColorJitter", "RandomRotation", "Resize", "Normalize", "RandomErasing");
    RandomSizedCrop crop = (RandomSizedCrop) p.get(0);
    assertThat(crop.scale()).containsExactly(0.85f, 1f);
    assertThat(crop.ratio()).containsExactly(0.6f, 5f / 3);
    assertThat(crop.size()).containsExactly(48, 48);
    assertThat(((HorizontalFlip) p.get(1)).probability()).isEqualTo(0.3);
    assertThat(((ColorJitter) p.get(2)).ranges()).containsExactly(0.6f, 0f, 0f, 0f);
    assertThat(((RandomRotation) p.get(3)).degrees()).isEqualTo(4f);
    assertThat(((RandomRotation) p.get(3)).nearest()).isTrue();
    assertThat(((Resize) p.get(4)).size()).containsExactly(48, 48);
    assertThat(((RandomErasing) p.get(6)).probability()).isEqualTo(0.2);
  }

  @Test
  void anEmptyListOnlyResizesAndNormalises() {
    assertThat(Pipeline.train(List.of(), INPUT).steps()).extracting(t -> t.getClass().getSimpleName())
        .containsExactly("Resize", "Normalize");
    FloatImage out = Pipeline.train(List.of(), INPUT).apply(TransformsTest.ramp(30, 20), new Random(1));
    assertThat(out.height()).isEqualTo(48);
    assertThat(out.width()).isEqualTo(48);
  }

  @Test
  void theDefaultIsThePipelineEveryRecipeUsedBefore() {
    List<ImageTransform<?>> p = Pipeline.train(INPUT).steps();
    assertThat(p).extracting(t -> t.getClass().getSimpleName()).containsExactly("RandomResizedCrop",
        "HorizontalFlip", "RandomRotation", "ColorJitter", "Resize", "Normalize", "RandomErasing");
    assertThat(((RandomResizedCrop) p.get(0)).scale()).containsExactly(0.8f, 1f);
    assertThat(((RandomResizedCrop) p.get(0)).ratio()).containsExactly(0.9f, 1.1f);
    assertThat(((RandomRotation) p.get(2)).degrees()).isEqualTo(10f);
    assertThat(((RandomRotation) p.get(2)).nearest()).isFalse();
    assertThat(((ColorJitter) p.get(3)).ranges()).containsExactly(0.3f, 0.3f, 0.3f, 0f);
    assertThat(((RandomErasing) p.get(6)).probability()).isEqualTo(0.25);
    assertThat(Augmentations.describe(Augmentations.DEFAULT)).isEqualTo(
        "random_resized_crop scale=[0.8, 1] ratio=[0.9, 1.1], hflip p=0.5, rotation degrees=10 interpolation=bilinear,"
            + " color_jitter brightness=0.3 contrast=0.3 saturation=0.3, random_erasing p=0.25");
  }

  @Test
  void sizedCropKeepsTheAreaShareOfGcaIal() {
    RandomSizedCrop crop = new RandomSizedCrop(32, 32, 0.85f, 1f, 0.6f, 5f / 3);
    Random random = new Random(3);
    for (int i = 0; i < 200; i++) {
      RandomResizedCrop.Window w = crop.draw(random, 200, 200);
      assertThat(w.w() * w.h()).isBetween(0.84f, 1.0f);
      assertThat(w.x() + w.w()).isLessThanOrEqualTo(1f);
      assertThat(w.y() + w.h()).isLessThanOrEqualTo(1f);
    }
  }

  @Test
  void sizedCropSwapsWidthAndHeightHalfTheTime() {
    // A fixed ratio of 2 at a quarter of the area fits a square either way round: without the
    // swap every window would be twice as wide as high.
    RandomSizedCrop crop = new RandomSizedCrop(32, 32, 0.25f, 0.25f, 2f, 2f);
    Random random = new Random(3);
    int wide = 0;
    int tall = 0;
    for (int i = 0; i < 400; i++) {
      RandomResizedCrop.Window w = crop.draw(random, 400, 400);
      float aspect = w.w() / w.h();
      assertThat(Math.max(aspect, 1 / aspect)).isCloseTo(2f, org.assertj.core.api.Assertions.within(0.02f));
      wide += aspect > 1 ? 1 : 0;
      tall += aspect < 1 ? 1 : 0;
    }
    assertThat(wide).isBetween(150, 250);
    assertThat(tall).isBetween(150, 250);
  }

  @Test
  void sizedCropFallsBackToARandomSquareOfTheShorterSide() {
    // A ratio of exactly 3 can never fit a 100x50 image at full area, so all ten tries fail.
    RandomSizedCrop crop = new RandomSizedCrop(16, 16, 1f, 1f, 3f, 3f);
    Random random = new Random(4);
    float firstLeft = -1;
    boolean moved = false;
    for (int i = 0; i < 20; i++) {
      RandomResizedCrop.Window w = crop.draw(random, 50, 100);
      assertThat(w.w()).isEqualTo(0.5f);
      assertThat(w.h()).isEqualTo(1f);
      assertThat(w.y()).isZero();
      moved |= firstLeft >= 0 && w.x() != firstLeft;
      firstLeft = firstLeft < 0 ? w.x() : firstLeft;
    }
    assertThat(moved).as("the fallback square's offset is random, not centred").isTrue();
  }

  @Test
  void nearestRotationCopiesTheNearestSourcePixel() {
    // 5x5 ramp (value = index), 30 degrees. Output (x=4, y=2) maps back to
    // (cos30 * 2 + 2, sin30 * 2 + 2) = (3.73, 3.0), nearest (4, 3): index 19.
    float[] d = new float[25];
    for (int i = 0; i < d.length; i++) {
      d[i] = i;
    }
    FloatImage out = RandomRotation.rotateNearest(new FloatImage(1, 5, 5, d), 30f);
    assertThat(out.data()[2 * 5 + 4]).isEqualTo(19f);
    assertThat(out.data()[2 * 5 + 2]).isEqualTo(12f); // the centre stays
    for (float v : out.data()) {
      assertThat(v).as("no blending").isEqualTo((float) Math.rint(v));
    }
    // Bilinear blends the same pixel: 0.73 * 19 + 0.27 * 18.
    assertThat(RandomRotation.rotate(new FloatImage(1, 5, 5, d), 30f).data()[2 * 5 + 4])
        .isCloseTo(18.732f, org.assertj.core.api.Assertions.within(1e-3f));
  }

  private static List<AugmentStep> resolve(AugmentStep... steps) {
    return Augmentations.resolve(List.of(steps), "augment");
  }
}

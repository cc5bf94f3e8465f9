package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.loader.Batch;
import org.fer4j.data.loader.BatchLoader;
import org.fer4j.engine.Engines;
import org.fer4j.explain.PreparedImage;
import org.fer4j.face.Alignment;
import org.fer4j.face.RgbImage;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.predict.BlockExpressionClassifier;
import org.fer4j.predict.FaceInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfigsTest;
import org.fer4j.run.TrainConfig;

/**
 * One image gives the model the identical tensor whether it is prepared for training with
 * augmentation off (the run's evaluation loader), for serving (the expression classifier, given a
 * face crop that is already aligned) or for explaining ({@link PreparedImage}). The comparison is
 * exact: every path runs the same resize and the same normalisation in the same float order.
 */
class OnePreparationPathTest {
  private static final int SIZE = 112;
  private static final List<PreprocessConfig> CONFIGS = List.of(
      PreprocessConfig.imagenet(SIZE),
      new PreprocessConfig(SIZE, SIZE, 1, new float[] {0.5f}, new float[] {0.25f}, 1));

  @TempDir static Path dir;

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  @Test
  void alignedCropIsTheSameTensorForTrainingServingAndExplaining() throws Exception {
    Path crop = noisePng("crop.png", SIZE, SIZE, 1);
    for (PreprocessConfig config : CONFIGS) {
      float[] training = trainingInput(crop, config);
      assertThat(servingInput(crop, config)).as("serving, %s", config).containsExactly(training);
      assertThat(PreparedImage.read(crop, config).chw()).as("explaining, %s", config).containsExactly(training);
    }
  }

  @Test
  void largerPhotoIsResizedTheSameWayForTrainingAndExplaining() throws Exception {
    Path photo = noisePng("photo.png", 150, 130, 2);
    for (PreprocessConfig config : CONFIGS) {
      assertThat(PreparedImage.read(photo, config).chw()).as("explaining, %s", config)
          .containsExactly(trainingInput(photo, config));
    }
  }

  /** The batch the evaluation loader of a run (augmentation off) gives for the one file. */
  private static float[] trainingInput(Path file, PreprocessConfig config) {
    TrainConfig recipe = TrainConfigs.parse(TrainConfigsTest.RECIPE, "recipe");
    Sample sample = Sample.image("face", new ImageRef.File(file), 0, "test");
    try (BatchLoader loader = RunData.loader(recipe, config, List.of(sample), false)) {
      for (Batch batch : loader.epoch(0)) {
        try (batch) {
          return Arrays.copyOf(batch.data(), batch.itemLength());
        }
      }
    }
    throw new AssertionError("the loader gave no batch");
  }

  /** The tensor the expression classifier feeds its block for a crop already aligned. */
  private static float[] servingInput(Path file, PreprocessConfig config) {
    AtomicReference<float[]> seen = new AtomicReference<>();
    LambdaBlock recorder = new LambdaBlock(list -> {
      NDArray x = list.singletonOrThrow();
      seen.set(x.toFloatArray());
      return new NDList(x.reshape(x.getShape().get(0), -1).get(":, 0:2"));
    });
    LabelSpace two = new LabelSpace("two", List.of("a", "b"), false);
    BlockExpressionClassifier classifier =
        new BlockExpressionClassifier(recorder, config, two, Alignment.Template.ARCFACE_112);
    FaceBox whole = new FaceBox(0, 0, SIZE, SIZE);
    classifier.classify(List.of(new FaceInput(RgbImage.read(file), whole, templateLandmarks(), whole)));
    return seen.get();
  }

  /** 68 landmarks whose five alignment points are the template's: alignment leaves the crop as is. */
  private static float[] templateLandmarks() {
    float[] t = Alignment.Template.ARCFACE_112.points();
    float[] pts = new float[136];
    int[][] groups = {{36, 42}, {42, 48}, {30, 31}, {48, 49}, {54, 55}};
    for (int g = 0; g < groups.length; g++) {
      for (int i = groups[g][0]; i < groups[g][1]; i++) {
        pts[2 * i] = t[2 * g];
        pts[2 * i + 1] = t[2 * g + 1];
      }
    }
    return pts;
  }

  private static Path noisePng(String name, int width, int height, long seed) throws Exception {
    Random random = new Random(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    Path file = dir.resolve(name);
    ImageIO.write(img, "png", file.toFile());
    return file;
  }
}

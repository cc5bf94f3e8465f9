package org.fer4j.predict.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.data.LabelSpace;
import org.fer4j.engine.Engines;
import org.fer4j.face.RgbImage;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clip classifier with a registered, untrained clip model (a trained GCSA-ResNet-18 run format
 * does not exist yet). The probe model's logits are the mean red of each clip's last frame and the
 * mean green of its first frame, read from the {@code (B, 3, T, H, W)} input, so a wrong layout
 * (frames and channels swapped, clips mixed, frames reversed) changes the probabilities.
 */
class BlockClipClassifierTest {
  private static final LabelSpace TWO = new LabelSpace("two", List.of("red_last", "green_first"), false);

  @BeforeAll
  static void engine() {
    Engines.init();
  }

  private static NDList redLastGreenFirst(NDList in) {
    NDArray x = in.singletonOrThrow();
    NDArray redLast = x.get(new NDIndex(":, 0, -1")).reshape(-1, 64).mean(new int[] {1}).expandDims(1);
    NDArray greenFirst = x.get(new NDIndex(":, 1, 0")).reshape(-1, 64).mean(new int[] {1}).expandDims(1);
    return new NDList(redLast.concat(greenFirst, 1));
  }

  private static ModelSpec spec() {
    String name = "test_clip_probe";
    if (!ModelRegistry.contains(name)) {
      ModelRegistry.register(new ModelSpec(name, "test", "clip layout probe",
          options -> new LambdaBlock(BlockClipClassifierTest::redLastGreenFirst),
          PreprocessConfig.unitRange(8, 4), TWO, "test"));
    }
    return ModelRegistry.get(name);
  }

  private static RgbImage solid(int size, float r, float g) {
    float[] d = new float[size * size * 3];
    for (int i = 0; i < size * size; i++) {
      d[3 * i] = r;
      d[3 * i + 1] = g;
    }
    return new RgbImage(size, size, d);
  }

  @Test
  void clipsGoInAsBatchChannelTimeHeightWidth() {
    ModelSpec spec = spec();
    Block block = spec.build();
    try (NDManager m = NDManager.newBaseManager()) {
      block.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4, 8, 8));
    }
    BlockClipClassifier classifier = BlockClipClassifier.of(spec, block);
    assertThat(classifier.frames()).isEqualTo(4);
    assertThat(classifier.size()).isEqualTo(8);
    // Clip 0: red only in the last frame (255), green only in the first: logits (1, 1).
    // Clip 1: red only in the first frame, green 51 in every frame: logits (0, 0.2).
    // Crops of 16 px are resized to the model's 8.
    List<RgbImage> clip0 = List.of(solid(16, 0, 255), solid(16, 0, 0), solid(16, 0, 0), solid(16, 255, 0));
    List<RgbImage> clip1 = List.of(solid(8, 255, 51), solid(8, 0, 51), solid(8, 0, 51), solid(8, 0, 51));
    List<float[]> probs = classifier.classify(List.of(clip0, clip1));
    assertThat(probs).hasSize(2);
    assertThat(probs.get(0)[0]).isCloseTo(0.5f, within(1e-6f));
    float p = (float) (1 / (1 + Math.exp(0.2))); // softmax(0, 0.2)[0]
    assertThat(probs.get(1)[0]).isCloseTo(p, within(1e-6f));
    assertThat(probs.get(1)[1]).isCloseTo(1 - p, within(1e-6f));
    assertThatThrownBy(() -> classifier.classify(List.of(clip0.subList(0, 3))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 frames");
    assertThatThrownBy(() -> new BlockClipClassifier(block, PreprocessConfig.imagenet(112), TWO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2+ frames");
  }

  /** {@code --engine onnxruntime} for a clip run: GCSA-ResNet-18 exported in memory gives DJL's probabilities. */
  @Test
  void aClipModelGivesTheSameProbabilitiesOnOnnxRuntime() {
    Block block = ModelRegistry.get("gcsa_resnet18")
        .build(new ModelOptions(7, Map.of("frames", "4", "size", "64")));
    Random random = new Random(3);
    List<List<RgbImage>> clips = List.of(noisyClip(random), noisyClip(random));
    try (NDManager weights = NDManager.newBaseManager()) {
      block.initialize(weights, DataType.FLOAT32, new Shape(1, 3, 4, 64, 64));
      BlockClipClassifier djl = new BlockClipClassifier(block, PreprocessConfig.unitRange(64, 4), LabelSpace.expressions(7));
      compareEngines(djl, clips);
    }
  }

  private static void compareEngines(BlockClipClassifier djl, List<List<RgbImage>> clips) {
    try (BlockClipClassifier ort = djl.onEngine(InferenceEngine.ONNXRUNTIME, 1)) {
      assertThat(ort.engine()).isEqualTo(InferenceEngine.ONNXRUNTIME);
      assertThat(djl.onEngine(InferenceEngine.DJL, 1)).isSameAs(djl);
      List<float[]> want = djl.classify(clips);
      List<float[]> got = ort.classify(clips);
      for (int c = 0; c < clips.size(); c++) {
        assertThat(got.get(c)).hasSize(7);
        for (int k = 0; k < 7; k++) {
          assertThat(got.get(c)[k]).as("clip %d class %d", c, k).isCloseTo(want.get(c)[k], within(1e-5f));
        }
      }
    }
  }

  private static List<RgbImage> noisyClip(Random random) {
    List<RgbImage> frames = new java.util.ArrayList<>();
    for (int f = 0; f < 4; f++) {
      float[] d = new float[64 * 64 * 3];
      for (int i = 0; i < d.length; i++) {
        d[i] = random.nextInt(256);
      }
      frames.add(new RgbImage(64, 64, d));
    }
    return frames;
  }
}

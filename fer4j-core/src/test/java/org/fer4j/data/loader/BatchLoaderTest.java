package org.fer4j.data.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import javax.imageio.ImageIO;
import org.fer4j.FerException;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Sample;
import org.fer4j.data.transforms.Pipeline;
import org.fer4j.data.transforms.Resize;
import org.fer4j.engine.Engines;
import org.fer4j.data.PreprocessConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {
  private static final int COUNT = 23;
  @TempDir static Path dir;
  static List<Sample> samples = new ArrayList<>();

  /** 23 small JPEGs whose gray level encodes their index, so batches can be checked by value. */
  @BeforeAll
  static void writeImages() throws Exception {
    for (int i = 0; i < COUNT; i++) {
      BufferedImage img = new BufferedImage(20, 16, BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = img.createGraphics();
      g.setColor(new Color(i * 10, i * 10, i * 10));
      g.fillRect(0, 0, 20, 16);
      g.dispose();
      Path p = dir.resolve(String.format("img_%02d.png", i));
      ImageIO.write(img, "png", p.toFile());
      samples.add(Sample.image("s" + i, new ImageRef.File(p), i % 7, "train"));
    }
  }

  private static BatchLoader.Builder loader(List<Sample> list) {
    return BatchLoader.builder().setSamples(list).setPipeline(Pipeline.of(new Resize(8, 8)))
        .setSize(8, 8).optBatchSize(5).optWorkers(2).optPrefetch(3).optSeed(7);
  }

  private static List<String> ids(BatchLoader loader, int epoch, List<Integer> sizes) {
    List<String> ids = new ArrayList<>();
    for (Batch b : loader.epoch(epoch)) {
      try (b) {
        sizes.add(b.size());
        ids.addAll(List.of(b.ids()));
        assertThat(b.shape()).isEqualTo(new Shape(b.size(), 3, 8, 8));
        for (int k = 0; k < b.size(); k++) {
          int index = Integer.parseInt(b.ids()[k].substring(1));
          // Pixel value identifies the sample: the buffer row k belongs to id k.
          assertThat(b.data()[k * 192]).isCloseTo(index * 10 / 255f, org.assertj.core.api.Assertions.within(1e-5f));
          assertThat(b.labels()[k]).isEqualTo(index % 7);
        }
      }
    }
    return ids;
  }

  @Test
  void everySampleExactlyOncePerEpochInBatchesOfTheRightShape() {
    try (BatchLoader loader = loader(samples).build()) {
      List<Integer> sizes = new ArrayList<>();
      List<String> ids = ids(loader, 0, sizes);
      assertThat(ids).hasSize(COUNT).doesNotHaveDuplicates();
      assertThat(sizes).containsExactly(5, 5, 5, 5, 3);
      assertThat(loader.stats().delivered()).isEqualTo(COUNT);
    }
  }

  @Test
  void orderIsSeededAndChangesBetweenEpochs() {
    List<String> first;
    List<String> again;
    List<String> nextEpoch;
    try (BatchLoader a = loader(samples).build(); BatchLoader b = loader(samples).optWorkers(1).build()) {
      first = ids(a, 0, new ArrayList<>());
      again = ids(b, 0, new ArrayList<>());
      nextEpoch = ids(a, 1, new ArrayList<>());
    }
    assertThat(again).isEqualTo(first);
    assertThat(nextEpoch).isNotEqualTo(first);
    assertThat(new HashSet<>(nextEpoch)).isEqualTo(new HashSet<>(first));
    assertThat(first).isNotEqualTo(samples.stream().map(Sample::id).toList());
  }

  @Test
  void corruptAndMissingFilesAreSkippedAndCounted() throws Exception {
    Path corrupt = dir.resolve("corrupt.jpg");
    Files.write(corrupt, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    List<Sample> withBad = new ArrayList<>(samples);
    withBad.add(Sample.image("bad", new ImageRef.File(corrupt), 0, "train"));
    withBad.add(Sample.image("gone", new ImageRef.File(dir.resolve("gone.jpg")), 0, "train"));
    try (BatchLoader loader = loader(withBad).build()) {
      List<String> ids = ids(loader, 0, new ArrayList<>());
      assertThat(ids).hasSize(COUNT).doesNotContain("bad", "gone");
      assertThat(loader.stats().skipped()).isEqualTo(2);
      assertThat(String.join("\n", loader.stats().messages())).contains("corrupt.jpg").contains("gone.jpg");
    }
  }

  @Test
  void clipsBecomeFiveDimensionalWithTheSameAugmentationPerFrame() {
    List<ImageRef> frames = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      frames.add(samples.get(3).image());
    }
    Sample clip = new Sample("clip", frames, 2, null, 0.5f, null, "train", null);
    Pipeline augment = Pipeline.train(PreprocessConfig.unitRange(8, 4));
    try (BatchLoader loader = BatchLoader.builder().setSamples(List.of(clip, clip)).setPipeline(augment)
        .setSize(8, 8).optFrames(4).optBatchSize(2).optSeed(1).build()) {
      Batch b = loader.epoch(0).iterator().next();
      assertThat(b.shape()).isEqualTo(new Shape(2, 4, 3, 8, 8));
      int per = 3 * 8 * 8;
      float[] d = b.data();
      for (int t = 1; t < 4; t++) {
        assertThat(Arrays.copyOfRange(d, t * per, (t + 1) * per)).containsExactly(Arrays.copyOfRange(d, 0, per));
      }
      b.close();
    }
  }

  @Test
  void inMemoryPixelsAndFaceBoxesAreHandled() {
    byte[] gray = new byte[4 * 4];
    gray[5] = (byte) 255; // row 1, column 1
    Sample pixels = Sample.image("px", new ImageRef.Pixels(4, 4, 1, gray, "fer2013.csv:7"), 1, "train");
    Sample boxed = new Sample("box", List.of(new ImageRef.Pixels(4, 4, 1, gray, "fer2013.csv:8")), 1, null,
        Float.NaN, new FaceBox(1, 1, 1, 1), "train", null);
    try (BatchLoader loader = BatchLoader.builder().setSamples(List.of(pixels, boxed))
        .setPipeline(Pipeline.of(new Resize(2, 2))).setSize(2, 2).optShuffle(false).optBatchSize(2).build()) {
      Batch b = loader.epoch(0).iterator().next();
      assertThat(b.size()).isEqualTo(2);
      // The 1x1 box around the white pixel resizes to an all-white image.
      assertThat(Arrays.copyOfRange(b.data(), 12, 24)).containsOnly(1f);
      // Shrinking 4 -> 2 widens the triangle filter to 2 px: output (0,0) weighs source pixels 0, 1, 2
      // by 0.75, 0.75, 0.25 (normalised 3/7, 3/7, 1/7) per axis, so the white pixel gives (3/7)^2.
      assertThat(b.data()[0]).isCloseTo(9f / 49f, org.assertj.core.api.Assertions.within(1e-6f));
    }
  }

  @Test
  void batchesReachTheEngineInOneCopyWithLabels() {
    Engines.init();
    try (BatchLoader loader = loader(samples).optShuffle(false).build(); NDManager m = NDManager.newBaseManager()) {
      Batch b = loader.epoch(0).iterator().next();
      try (NDManager sub = m.newSubManager()) {
        NDList list = b.toNDList(sub);
        assertThat(list.get(0).getShape()).isEqualTo(new Shape(5, 3, 8, 8));
        assertThat(list.get(1).toLongArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(list.get(0).toFloatArray()[192]).isEqualTo(b.data()[192]);
      }
      b.close();
      assertThatThrownBy(b::data).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void buffersAreRecycledSoMemoryStaysFlat() {
    try (BatchLoader loader = loader(samples).optPrefetch(1).optWorkers(1).build()) {
      Set<Integer> buffers = new HashSet<>();
      for (int epoch = 0; epoch < 3; epoch++) {
        for (Batch b : loader.epoch(epoch)) {
          buffers.add(System.identityHashCode(b.data()));
          b.close();
        }
      }
      // 15 batches over three epochs share a handful of buffers (prefetch + workers + the consumer's).
      assertThat(buffers.size()).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void missingRequiredSettingsAreReported() {
    assertThatThrownBy(() -> BatchLoader.builder().setSamples(samples).build())
        .isInstanceOf(FerException.class).hasMessageContaining("setPipeline");
    assertThatThrownBy(() -> loader(samples).optBatchSize(0).build())
        .isInstanceOf(FerException.class).hasMessageContaining("batchSize");
  }

  @Test
  void frameSamplersFollowIal() {
    assertThat(FrameSampler.centred().pick(32, 16, new Random(0))).containsExactly(
        1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    int[] train = FrameSampler.segments().pick(48, 16, new Random(0));
    for (int i = 0; i < 16; i++) {
      assertThat(train[i]).isBetween(3 * i, 3 * i + 2);
    }
    assertThat(FrameSampler.segments().pick(8, 16, new Random(0))).containsExactly(
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
    // n=66: tick = 4.125, index i = int(2.0625 + 4.125 i), worked out by hand.
    assertThat(FrameSampler.centred().pick(66, FrameSampler.SEGMENTS, null)).containsExactly(
        2, 6, 10, 14, 18, 22, 26, 30, 35, 39, 43, 47, 51, 55, 59, 63);
    // n=16: tick 1, int(0.5 + i) = i; n=8: tick 0.5, int(0.25 + 0.5 i) repeats frames.
    assertThat(FrameSampler.centred().pick(16, 16, null)).containsExactly(
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    assertThat(FrameSampler.centred().pick(8, 16, null)).containsExactly(
        0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7);
    // The same seed gives the same training indices; avg = 100/16 = 6 frames per segment.
    int[] a = FrameSampler.segments().pick(100, 16, new Random(7));
    assertThat(a).isEqualTo(FrameSampler.segments().pick(100, 16, new Random(7)));
    for (int i = 0; i < 16; i++) {
      assertThat(a[i]).isBetween(i * 6, i * 6 + 5);
    }
    assertThatThrownBy(() -> FrameSampler.centred().pick(0, 16, null))
        .hasMessageContaining("at least one frame");
  }
}

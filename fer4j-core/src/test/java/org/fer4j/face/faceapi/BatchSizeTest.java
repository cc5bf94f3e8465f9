package org.fer4j.face.faceapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fer4j.engine.Engines;
import org.fer4j.face.RgbImage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How much a face's network outputs move with the batch it runs in. The same 112x112 input goes
 * through the landmark and expression nets alone, and as one item of a batch of 20 (its own copy
 * plus 19 other faces). PyTorch's CPU convolutions (oneDNN) pick their blocking and, for small
 * channel counts, their algorithm by the input shape, batch included, so the sums of a
 * convolution are added in another order: the outputs differ by float rounding (about 1e-6
 * relative per layer), not by any mixing of batch items, which would give differences of the
 * size of the outputs themselves.
 */
class BatchSizeTest {
  // 20: above 16, where PyTorch switches 1x1 convolutions from its own GEMM path to oneDNN
  private static final int BATCH = 20;

  @Test
  void aFacesOutputsDependOnItsBatchOnlyByRounding() {
    Path cache = FaceApiPackage.cacheRoot(null);
    Path weights = FaceApiPackage.weightsDir(cache);
    Path demo = FaceApiPackage.demoDir(cache);
    Assumptions.assumeTrue(Files.isDirectory(weights) && Files.isRegularFile(demo.resolve("sample1.jpg")),
        "face-api weights not in the cache; run ./fer models pull");
    Engines.init();
    List<RgbImage> faces = new ArrayList<>();
    RgbImage photo = RgbImage.read(demo.resolve("sample1.jpg"));
    // different 112x112 inputs: squares along the photo's middle row
    int side = photo.height() / 3;
    for (int i = 0; i < BATCH; i++) {
      int x = i * (photo.width() - side) / (BATCH - 1);
      faces.add(FaceApiLandmarks.faceInput(photo.crop(x, side, side, side)));
    }
    try (FaceApiModels models = FaceApiModels.load(weights,
        java.util.EnumSet.of(FaceApiModels.Net.LANDMARKS_68, FaceApiModels.Net.EXPRESSIONS))) {
      for (FaceFeatureBlock net : List.of(models.landmarks68(), models.expressions())) {
        int k = net.outputs();
        float[] batched = FaceApiModels.run(net, faces)[0];
        List<RgbImage> reversed = new ArrayList<>(faces);
        Collections.reverse(reversed);
        float[] batchedReversed = FaceApiModels.run(net, reversed)[0];
        double maxAlone = 0;
        double maxOrder = 0;
        double scale = 0;
        for (int f = 0; f < faces.size(); f++) {
          float[] alone = FaceApiModels.run(net, List.of(faces.get(f)))[0];
          for (int j = 0; j < k; j++) {
            maxAlone = Math.max(maxAlone, Math.abs(alone[j] - batched[f * k + j]));
            maxOrder = Math.max(maxOrder, Math.abs(batched[f * k + j] - batchedReversed[(BATCH - 1 - f) * k + j]));
            scale = Math.max(scale, Math.abs(alone[j]));
          }
        }
        System.out.printf("batch size effect, %d outputs (max |output| %.3f): batch 1 vs " + BATCH + " %.2e, position in batch %.2e%n",
            k, scale, maxAlone, maxOrder);
        assertThat(maxAlone).isLessThan(1e-4 * Math.max(1, scale));
        assertThat(maxOrder).isLessThan(1e-4 * Math.max(1, scale));
      }
    }
  }

  /**
   * The detector the same way: boxes of six photos detected in one batch and one by one. Its raw
   * outputs differ by rounding as above; decoded into pixels of 1-3 megapixel photos (exp of the
   * size output times the image side) that becomes about 1e-3 px, the "batch-size dependence"
   * seen when comparing whole pipelines.
   */
  @Test
  void detectorBoxesDependOnTheBatchOnlyByRoundingScaledToPixels() throws Exception {
    Path cache = FaceApiPackage.cacheRoot(null);
    Path weights = FaceApiPackage.weightsDir(cache);
    Path demo = FaceApiPackage.demoDir(cache);
    Assumptions.assumeTrue(Files.isDirectory(weights) && Files.isRegularFile(demo.resolve("sample6.jpg")),
        "face-api weights not in the cache; run ./fer models pull");
    Engines.init();
    List<RgbImage> photos = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      photos.add(RgbImage.read(demo.resolve("sample" + i + ".jpg")));
    }
    try (FaceApiModels models = FaceApiModels.load(weights, java.util.EnumSet.of(FaceApiModels.Net.TINY_FACE_DETECTOR))) {
      var batched = FaceApiDetectors.tiny(models.tinyFaceDetector(), photos, 416, 0.5);
      double maxPx = 0;
      double maxScore = 0;
      int faces = 0;
      for (int i = 0; i < photos.size(); i++) {
        var alone = FaceApiDetectors.tiny(models.tinyFaceDetector(), List.of(photos.get(i)), 416, 0.5).get(0);
        assertThat(alone).hasSameSizeAs(batched.get(i));
        for (int f = 0; f < alone.size(); f++) {
          var a = alone.get(f).box();
          var b = batched.get(i).get(f).box();
          maxPx = Math.max(maxPx, Math.max(Math.abs(a.x() - b.x()), Math.abs(a.width() - b.width())));
          maxScore = Math.max(maxScore, Math.abs(alone.get(f).score() - batched.get(i).get(f).score()));
          faces++;
        }
      }
      System.out.printf("detector, %d faces: batch 1 vs 6: boxes %.2e px, scores %.2e%n", faces, maxPx, maxScore);
      assertThat(faces).isEqualTo(20); // face-api's golden count for the six photos
      assertThat(maxPx).isLessThan(0.01);
      assertThat(maxScore).isLessThan(1e-5);
    }
  }
}

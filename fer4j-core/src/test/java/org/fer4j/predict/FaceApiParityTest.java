package org.fer4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.engine.Engines;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.testing.ParityInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * fer4j's face pipeline against {@code @vladmandic/face-api} 1.7.15 itself (tfjs CPU backend on
 * Node, golden JSON written by {@code tools/golden/setup.sh}) on the package's six sample
 * photos: same faces, box IoU >= 0.95, landmarks within 1.5 px, expression probabilities within
 * 0.02, age within 1.5 years and the same gender. Every comparison runs on both inference
 * engines ({@link InferenceEngine}): DJL's blocks and ONNX Runtime on their in-memory exports.
 *
 * <p>Skips only when the weights, photos or golden files are absent and
 * {@code FER4J_REQUIRE_PARITY} is unset; CI sets it, so there it fails instead.
 */
class FaceApiParityTest {
  /** face-api's expression names to fer4j's canonical ones. */
  private static final Map<String, String> NAMES =
      Map.of(
          "neutral", "Neutral", "happy", "Happiness", "sad", "Sadness", "angry", "Anger",
          "fearful", "Fear", "disgusted", "Disgust", "surprised", "Surprise");

  private static FaceApiModels models;

  @BeforeAll
  static void load() {
    Path cache = FaceApiPackage.cacheRoot(null);
    Path weights = FaceApiPackage.weightsDir(cache);
    requirePresent(weights.resolve(FaceApiModels.Net.SSD_MOBILENET_V1.manifestName()));
    Engines.init();
    models = FaceApiModels.loadAll(weights);
  }

  @AfterAll
  static void close() {
    if (models != null) {
      models.close();
    }
  }

  private static void requirePresent(Path file) {
    ParityInputs.requireFile(file, file + " is missing; run tools/golden/setup.sh (npm ci, weights, golden outputs)");
  }

  private static Path golden(String detector) {
    return FaceApiPackage.packageDir(FaceApiPackage.cacheRoot(null))
        .resolve("golden")
        .resolve(detector + "-cpu.json");
  }

  @ParameterizedTest
  @EnumSource(InferenceEngine.class)
  void tinyDetectorPipelineMatchesFaceApi(InferenceEngine engine) throws IOException {
    compare("tiny", ExpressionPredictor.Detector.TINY, engine);
  }

  @ParameterizedTest
  @EnumSource(InferenceEngine.class)
  void ssdDetectorPipelineMatchesFaceApi(InferenceEngine engine) throws IOException {
    compare("ssd", ExpressionPredictor.Detector.SSD, engine);
  }

  /** The worst deviation seen for one measure, and where. */
  private static final class Worst {
    double value = Double.NEGATIVE_INFINITY;
    String where = "";

    void see(double v, String at) {
      if (v > value) {
        value = v;
        where = at;
      }
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "%.4f at %s", value, where);
    }
  }

  private final Worst boxIou = new Worst();
  private final Worst landmarkPx = new Worst();
  private final Worst expression = new Worst();
  private final Worst age = new Worst();

  private void compare(String name, ExpressionPredictor.Detector detector, InferenceEngine engine) throws IOException {
    requirePresent(golden(name));
    JsonNode root = new ObjectMapper().readTree(golden(name).toFile());
    Path demo = FaceApiPackage.demoDir(FaceApiPackage.cacheRoot(null));
    List<RgbImage> images = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (JsonNode image : root.path("images")) {
      images.add(referencePixels(image));
      names.add(image.path("file").asText());
    }
    assertThat(images).hasSize(6);
    try (ExpressionPredictor predictor =
        ExpressionPredictor.builder().setModels(models).optDetector(detector).optEngine(engine).build()) {
      assertThat(predictor.engine()).isEqualTo(engine);
      List<ImageResult> results = predictor.predict(images, names);
      List<Path> files = names.stream().map(demo::resolve).toList();
      int faces = 0;
      for (int i = 0; i < files.size(); i++) {
        faces += compareImage(root.path("images").get(i), results.get(i));
      }
      System.out.printf(
          "face-api parity (%s, %s, %d faces): min box IoU %.4f, max landmark error %s px, max"
              + " expression error %s, max age error %s%n",
          name, engine.id(), faces, -boxIou.value, landmarkPx, expression, age);
      assertThat(faces).as("faces in the six photos").isGreaterThanOrEqualTo(15);
      assertThat(-boxIou.value).as("worst box IoU, " + boxIou.where).isGreaterThanOrEqualTo(0.95);
      assertThat(landmarkPx.value).as("worst landmark distance (px), " + landmarkPx.where).isLessThanOrEqualTo(1.5);
      assertThat(expression.value).as("worst expression probability error, " + expression.where).isLessThanOrEqualTo(0.02);
      assertThat(age.value).as("worst age error (years), " + age.where).isLessThanOrEqualTo(1.5);
    }
  }

  /**
   * The photo exactly as face-api saw it (jpeg-js's decoding, dumped by the golden script):
   * JPEG decoders differ by a few levels per pixel (chroma upsampling), and the networks should
   * be compared on identical input. {@link #javaDecodingFindsTheSameFaces} covers ImageIO.
   */
  private static RgbImage referencePixels(JsonNode image) throws IOException {
    Path raw = golden("tiny").resolveSibling(image.path("file").asText() + ".rgb");
    requirePresent(raw);
    byte[] bytes = Files.readAllBytes(raw);
    float[] data = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = bytes[i] & 0xFF;
    }
    return new RgbImage(image.path("width").asInt(), image.path("height").asInt(), data);
  }

  /** End to end with Java's own JPEG decoder: the same faces in the same places. */
  @ParameterizedTest
  @EnumSource(InferenceEngine.class)
  void javaDecodingFindsTheSameFaces(InferenceEngine engine) throws IOException {
    requirePresent(golden("tiny"));
    JsonNode root = new ObjectMapper().readTree(golden("tiny").toFile());
    Path demo = FaceApiPackage.demoDir(FaceApiPackage.cacheRoot(null));
    List<Path> files = new ArrayList<>();
    root.path("images").forEach(i -> files.add(demo.resolve(i.path("file").asText())));
    try (ExpressionPredictor predictor = ExpressionPredictor.builder().setModels(models).optAgeGender(false).optEngine(engine).build()) {
      List<ImageResult> results = predictor.predictFiles(files);
      double worst = 1;
      for (int i = 0; i < files.size(); i++) {
        JsonNode expected = root.path("images").get(i).path("faces");
        assertThat(results.get(i).faces()).as(files.get(i) + " face count").hasSize(expected.size());
        for (JsonNode face : expected) {
          FaceBox box = box(face.path("box"));
          worst = Math.min(worst, results.get(i).faces().stream().mapToDouble(f -> iou(f.box(), box)).max().orElse(0));
        }
      }
      System.out.printf("face-api parity with ImageIO decoding (%s): min box IoU %.4f%n", engine.id(), worst);
      assertThat(worst).as("worst box IoU with ImageIO-decoded photos").isGreaterThanOrEqualTo(0.95);
    }
  }

  private int compareImage(JsonNode expected, ImageResult actual) {
    String file = expected.path("file").asText();
    assertThat(actual.ok()).as(file + " error").isTrue();
    assertThat(actual.width()).isEqualTo(expected.path("width").asInt());
    assertThat(actual.faces()).as(file + " face count").hasSize(expected.path("faces").size());
    for (JsonNode face : expected.path("faces")) {
      FaceBox box = box(face.path("box"));
      FaceResult match = actual.faces().stream()
          .max((a, b) -> Double.compare(iou(a.box(), box), iou(b.box(), box)))
          .orElseThrow();
      String where = file + " face at " + box;
      boxIou.see(-iou(match.box(), box), where);
      assertThat(match.score()).as(where + " score").isCloseTo(face.path("score").asDouble(), org.assertj.core.data.Offset.offset(0.02));
      JsonNode pts = face.path("landmarks");
      for (int p = 0; p < 68; p++) {
        double dx = match.landmarks()[2 * p] - pts.get(p).get(0).asDouble();
        double dy = match.landmarks()[2 * p + 1] - pts.get(p).get(1).asDouble();
        landmarkPx.see(Math.hypot(dx, dy), where + " landmark " + p);
      }
      face.path("expressions").fields().forEachRemaining(e ->
          expression.see(Math.abs(match.expressions().get(NAMES.get(e.getKey())) - e.getValue().asDouble()),
              where + " P(" + e.getKey() + ")"));
      age.see(Math.abs(match.age() - face.path("age").asDouble()), where);
      assertThat(match.gender()).as(where + " gender").isEqualTo(face.path("gender").asText());
    }
    return expected.path("faces").size();
  }

  private static FaceBox box(JsonNode b) {
    return new FaceBox(
        (float) b.path("x").asDouble(), (float) b.path("y").asDouble(),
        (float) b.path("width").asDouble(), (float) b.path("height").asDouble());
  }

  static double iou(FaceBox a, FaceBox b) {
    double w = Math.max(0, Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x()));
    double h = Math.max(0, Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y()));
    double inter = w * h;
    return inter / (a.width() * a.height() + b.width() * b.height() - inter);
  }
}

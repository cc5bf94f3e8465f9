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
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fer4j's face pipeline against {@code @vladmandic/face-api} 1.7.15 itself (tfjs CPU backend on
 * Node, golden JSON written by {@code tools/golden/setup.sh}) on the package's six sample
 * photos: same faces, box IoU >= 0.95, landmarks within 1.5 px, expression probabilities within
 * 0.02, age within 1.5 years and the same gender.
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
    if (!Files.isRegularFile(file)) {
      String why = file + " is missing; run tools/golden/setup.sh (npm ci, weights, golden outputs)";
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        fail(why + " (FER4J_REQUIRE_PARITY is set, so this is an error, not a skip)");
      }
      Assumptions.abort(why);
    }
  }

  private static Path golden(String detector) {
    return FaceApiPackage.packageDir(FaceApiPackage.cacheRoot(null))
        .resolve("golden")
        .resolve(detector + "-cpu.json");
  }

  @Test
  void tinyDetectorPipelineMatchesFaceApi() throws IOException {
    compare("tiny", ExpressionPredictor.Detector.TINY);
  }

  @Test
  void ssdDetectorPipelineMatchesFaceApi() throws IOException {
    compare("ssd", ExpressionPredictor.Detector.SSD);
  }

  private void compare(String name, ExpressionPredictor.Detector detector) throws IOException {
    requirePresent(golden(name));
    JsonNode root = new ObjectMapper().readTree(golden(name).toFile());
    Path demo = FaceApiPackage.demoDir(FaceApiPackage.cacheRoot(null));
    List<Path> files = new ArrayList<>();
    for (JsonNode image : root.path("images")) {
      files.add(demo.resolve(image.path("file").asText()));
    }
    assertThat(files).hasSize(6);
    try (ExpressionPredictor predictor =
        ExpressionPredictor.builder().setModels(models).optDetector(detector).build()) {
      List<ImageResult> results = predictor.predictFiles(files);
      int faces = 0;
      for (int i = 0; i < files.size(); i++) {
        faces += compareImage(root.path("images").get(i), results.get(i));
      }
      assertThat(faces).as("faces in the six photos").isGreaterThanOrEqualTo(15);
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
      assertThat(iou(match.box(), box)).as(where + " box IoU").isGreaterThanOrEqualTo(0.95);
      assertThat(match.score()).as(where + " score").isCloseTo(face.path("score").asDouble(), org.assertj.core.data.Offset.offset(0.02));
      JsonNode pts = face.path("landmarks");
      for (int p = 0; p < 68; p++) {
        double dx = match.landmarks()[2 * p] - pts.get(p).get(0).asDouble();
        double dy = match.landmarks()[2 * p + 1] - pts.get(p).get(1).asDouble();
        assertThat(Math.hypot(dx, dy)).as(where + " landmark " + p + " distance (px)").isLessThanOrEqualTo(1.5);
      }
      face.path("expressions").fields().forEachRemaining(e ->
          assertThat((double) match.expressions().get(NAMES.get(e.getKey())))
              .as(where + " P(" + e.getKey() + ")")
              .isCloseTo(e.getValue().asDouble(), org.assertj.core.data.Offset.offset(0.02)));
      assertThat((double) match.age()).as(where + " age").isCloseTo(face.path("age").asDouble(), org.assertj.core.data.Offset.offset(1.5));
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

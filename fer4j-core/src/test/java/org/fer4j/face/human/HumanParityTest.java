package org.fer4j.face.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fer4j.engine.Engines;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fer4j's TF.js graph interpreter against {@code @vladmandic/human} 3.3.6 itself (its bundled
 * tfjs 4.22 on the CPU backend, on Node; {@code tools/golden/golden-human.js} run by
 * {@code tools/golden/setup.sh}): on the exact input tensors Human built for the 20 faces of the
 * six sample photos, the 7 emotion probabilities, the 1024-d faceres feature, the gender score
 * and the 100 age bins must all agree within 1e-4.
 *
 * <p>Skips only when the models or golden files are absent and {@code FER4J_REQUIRE_PARITY} is
 * unset; CI sets it, so there it fails instead.
 */
class HumanParityTest {
  private static final double TOLERANCE = 1e-4;

  private static HumanModels models;
  private static JsonNode golden;
  private static Path goldenDir;

  @BeforeAll
  static void load() throws IOException {
    Path cache = FaceApiPackage.cacheRoot(null);
    goldenDir = HumanPackage.packageDir(cache).resolve("golden");
    requirePresent(HumanPackage.modelsDir(cache).resolve("faceres.json"));
    requirePresent(goldenDir.resolve("human-cpu.json"));
    Engines.init();
    models = HumanModels.load(HumanPackage.modelsDir(cache));
    golden = new ObjectMapper().readTree(goldenDir.resolve("human-cpu.json").toFile());
  }

  @AfterAll
  static void close() {
    if (models != null) {
      models.close();
    }
  }

  private static void requirePresent(Path file) {
    if (!Files.isRegularFile(file)) {
      String why = file + " is missing; run tools/golden/setup.sh (npm ci, Human's models, golden outputs)";
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        fail(why + " (FER4J_REQUIRE_PARITY is set, so this is an error, not a skip)");
      }
      Assumptions.abort(why);
    }
  }

  @Test
  void emotionMatchesHumanOnTheSamplePhotosFaces() throws IOException {
    List<JsonNode> faces = faces();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray input = inputs(manager, faces, "emotion", HumanModels.EMOTION_SIZE, 1);
      float[] probs = HumanModels.run(models.emotion(), input).singletonOrThrow().toFloatArray();
      double worst = 0;
      for (int f = 0; f < faces.size(); f++) {
        JsonNode expected = faces.get(f).path("emotion");
        assertThat(expected.size()).isEqualTo(HumanModels.EMOTION_LABELS.size());
        for (int c = 0; c < expected.size(); c++) {
          worst = Math.max(worst, Math.abs(probs[f * 7 + c] - expected.get(c).asDouble()));
        }
      }
      System.out.printf(Locale.ROOT, "human emotion: %d faces, max |fer4j - Human| = %.3g%n", faces.size(), worst);
      assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
    }
  }

  @Test
  void faceresMatchesHumanOnTheSamplePhotosFaces() throws IOException {
    List<JsonNode> faces = faces();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray input = inputs(manager, faces, "faceres", HumanModels.FACERES_SIZE, 3);
      NDList out = HumanModels.run(models.faceres(), input);
      double[] worst = {
        maxDiff(out.get(0).toFloatArray(), faces, "descriptor", 1024),
        maxDiff(out.get(1).toFloatArray(), faces, "gender", 1),
        maxDiff(out.get(2).toFloatArray(), faces, "age", 100)
      };
      System.out.printf(
          Locale.ROOT,
          "human faceres: %d faces, max |fer4j - Human|: feature %.3g, gender %.3g, age bins %.3g%n",
          faces.size(), worst[0], worst[1], worst[2]);
      assertThat(worst[0]).as("feature").isLessThanOrEqualTo(TOLERANCE);
      assertThat(worst[1]).as("gender").isLessThanOrEqualTo(TOLERANCE);
      assertThat(worst[2]).as("age bins").isLessThanOrEqualTo(TOLERANCE);
    }
  }

  private static double maxDiff(float[] actual, List<JsonNode> faces, String field, int width) {
    assertThat(actual).hasSize(faces.size() * width);
    double worst = 0;
    for (int f = 0; f < faces.size(); f++) {
      JsonNode expected = faces.get(f).path(field);
      for (int i = 0; i < width; i++) {
        double e = width == 1 && !expected.isArray() ? expected.asDouble() : expected.get(i).asDouble();
        worst = Math.max(worst, Math.abs(actual[f * width + i] - e));
      }
    }
    return worst;
  }

  private static List<JsonNode> faces() {
    List<JsonNode> faces = new ArrayList<>();
    golden.path("faces").forEach(faces::add);
    assertThat(faces).as("faces in the golden file").hasSizeGreaterThanOrEqualTo(20);
    return faces;
  }

  /** The dumped NHWC float32 tensors of every face, stacked and made NCHW. */
  private static NDArray inputs(NDManager manager, List<JsonNode> faces, String kind, int size, int channels)
      throws IOException {
    int per = size * size * channels;
    float[] all = new float[faces.size() * per];
    for (int f = 0; f < faces.size(); f++) {
      Path file = goldenDir.resolve(faces.get(f).path("id").asText() + "." + kind + ".f32");
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
      assertThat(bytes.remaining()).as(file.toString()).isEqualTo(per * 4);
      bytes.asFloatBuffer().get(all, f * per, per);
    }
    return manager.create(all, new Shape(faces.size(), size, size, channels)).transpose(0, 3, 1, 2);
  }
}

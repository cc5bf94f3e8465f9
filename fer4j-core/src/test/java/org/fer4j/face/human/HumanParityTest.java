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
import org.fer4j.data.FaceBox;
import org.fer4j.engine.Engines;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.testing.ParityInputs;
import org.junit.jupiter.api.AfterAll;
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
    ParityInputs.requireFile(file, file + " is missing; run tools/golden/setup.sh (npm ci, Human's models, golden outputs)");
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

  /**
   * fer4j's own preparation ({@link HumanInputs}) of each face from the photo as jpeg-js decoded
   * it and the square box Human was given: the 192x192 face tensor, the emotion input and the
   * faceres input must equal Human's (float32 rounding aside), and the emotion probabilities
   * from fer4j's inputs must match Human's within 1e-4.
   */
  @Test
  void fer4jPreparesTheFacesAsHumanDoes() throws IOException {
    Path photos = FaceApiPackage.packageDir(FaceApiPackage.cacheRoot(null)).resolve("golden");
    List<JsonNode> faces = faces();
    double[] worst = new double[3];
    float[] emotionBatch = new float[faces.size() * 64 * 64];
    RgbImage photo = null;
    String photoName = "";
    for (int f = 0; f < faces.size(); f++) {
      JsonNode face = faces.get(f);
      if (!face.path("file").asText().equals(photoName)) {
        photoName = face.path("file").asText();
        photo = photo(photos.resolve(photoName + ".rgb"), photoName);
      }
      JsonNode b = face.path("box");
      FaceBox box = new FaceBox((float) b.path("x").asDouble(), (float) b.path("y").asDouble(),
          (float) b.path("side").asDouble(), (float) b.path("side").asDouble());
      RgbImage tensor = HumanInputs.faceTensor(photo, box, HumanInputs.FACE_SIZE);
      String id = face.path("id").asText();
      worst[0] = Math.max(worst[0], maxDiff(tensor.data(), floats(goldenDir.resolve(id + ".face.f32"))));
      float[] emotion = HumanInputs.emotionInput(tensor);
      worst[1] = Math.max(worst[1], maxDiff(emotion, floats(goldenDir.resolve(id + ".emotion.f32"))));
      worst[2] = Math.max(worst[2], maxDiff(HumanInputs.faceresInput(tensor), floats(goldenDir.resolve(id + ".faceres.f32"))));
      System.arraycopy(emotion, 0, emotionBatch, f * 64 * 64, 64 * 64);
    }
    double probs;
    try (NDManager manager = NDManager.newBaseManager()) {
      float[] p = HumanModels.run(models.emotion(), manager.create(emotionBatch, new Shape(faces.size(), 1, 64, 64)))
          .singletonOrThrow().toFloatArray();
      probs = maxDiff(p, faces, "emotion", 7);
    }
    System.out.printf(Locale.ROOT, "human inputs made by fer4j: max |fer4j - Human|: face tensor %.3g, emotion input"
        + " %.3g, faceres input %.3g (0..255); emotion probabilities %.3g%n", worst[0], worst[1], worst[2], probs);
    assertThat(worst[0]).as("face tensor (0..1)").isLessThanOrEqualTo(1e-6);
    assertThat(worst[1]).as("emotion input (-1..1)").isLessThanOrEqualTo(1e-5);
    assertThat(worst[2]).as("faceres input (0..255)").isLessThanOrEqualTo(1e-3);
    assertThat(probs).as("emotion probabilities").isLessThanOrEqualTo(TOLERANCE);
  }

  /**
   * {@code --classifier fer2013} on the faces Human was given: Human's probabilities, moved to
   * fer4j's canonical class order by name (angry to Anger, ...), within 1e-4.
   */
  @Test
  void fer2013ClassifierReportsHumansProbabilitiesInCanonicalOrder() throws IOException {
    Path photos = FaceApiPackage.packageDir(FaceApiPackage.cacheRoot(null)).resolve("golden");
    java.util.Map<String, String> canonical = java.util.Map.of("angry", "Anger", "disgust", "Disgust",
        "fear", "Fear", "happy", "Happiness", "sad", "Sadness", "surprise", "Surprise", "neutral", "Neutral");
    var classifier = new org.fer4j.predict.HumanEmotionClassifier(models);
    double worst = 0;
    for (JsonNode face : faces().subList(0, 6)) {
      RgbImage photo = photo(photos.resolve(face.path("file").asText() + ".rgb"), face.path("file").asText());
      JsonNode b = face.path("box");
      float side = (float) b.path("side").asDouble();
      FaceBox box = new FaceBox((float) b.path("x").asDouble(), (float) b.path("y").asDouble(), side, side);
      float[] p = classifier.classify(List.of(new org.fer4j.predict.FaceInput(photo, box, null, null))).get(0);
      for (int i = 0; i < HumanModels.EMOTION_LABELS.size(); i++) {
        int c = classifier.labels().indexOf(canonical.get(HumanModels.EMOTION_LABELS.get(i)));
        worst = Math.max(worst, Math.abs(p[c] - face.path("emotion").get(i).asDouble()));
      }
    }
    assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
  }

  private static RgbImage photo(Path rgbFile, String name) throws IOException {
    byte[] bytes = Files.readAllBytes(rgbFile);
    JsonNode meta = null;
    for (JsonNode face : golden.path("faces")) {
      if (face.path("file").asText().equals(name)) {
        meta = face;
        break;
      }
    }
    assertThat(meta).isNotNull();
    float[] data = new float[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      data[i] = bytes[i] & 0xFF;
    }
    int width = meta.path("width").asInt();
    return new RgbImage(width, data.length / 3 / width, data);
  }

  private static float[] floats(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(out);
    return out;
  }

  private static double maxDiff(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
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

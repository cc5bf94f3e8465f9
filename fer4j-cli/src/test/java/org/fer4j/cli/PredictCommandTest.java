package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ImageDecoder;
import org.fer4j.data.transforms.JpegMarkers;
import org.fer4j.data.transforms.Orientation;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {
  @TempDir Path tmp;

  private static Path weightsOrSkip() {
    Path cache = FaceApiPackage.cacheRoot(null);
    Path sample = FaceApiPackage.demoDir(cache).resolve("sample1.jpg");
    if (!Files.isRegularFile(sample) || !Files.isDirectory(FaceApiPackage.weightsDir(cache))) {
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        throw new AssertionError("face-api weights/photos missing under " + cache + "; run tools/golden/setup.sh");
      }
      Assumptions.abort("face-api weights not in the cache; run ./fer models pull");
    }
    return cache;
  }

  @Test
  void missingWeightsExitWithEnvironmentCode() {
    int code = Main.run("predict", "--weights", tmp.resolve("none").toString(), "x.jpg");
    assertThat(code).isEqualTo(5);
  }

  @Test
  void jsonLinesWithOneRecordPerInputAndFailureExitCode() throws Exception {
    Path cache = weightsOrSkip();
    Path broken = tmp.resolve("broken.jpg");
    Files.writeString(broken, "not a jpeg");
    Path out = tmp.resolve("out.jsonl");
    Path annotated = tmp.resolve("annotated");
    int code = Main.run(
        "predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1", "-o", out.toString(),
        "--annotate", annotated.toString(),
        FaceApiPackage.demoDir(cache).resolve("sample1.jpg").toString(), broken.toString(),
        tmp.resolve("missing.jpg").toString());
    assertThat(code).as("some inputs failed").isEqualTo(3);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.path("ok").asBoolean()).isTrue();
    // face-api's tiny detector finds three faces in sample1.jpg (golden output)
    assertThat(first.path("faces")).hasSize(3);
    JsonNode face = first.path("faces").get(0);
    assertThat(face.path("landmarks")).hasSize(68);
    assertThat(face.path("expressions").size()).isEqualTo(7);
    double sum = 0;
    for (JsonNode p : face.path("expressions")) {
      sum += p.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(json.readTree(lines.get(1)).path("error").asText()).contains("broken.jpg");
    assertThat(json.readTree(lines.get(2)).path("error").asText()).contains("missing.jpg").contains("does not exist");
    assertThat(annotated.resolve("sample1.png")).exists();
  }

  @Test
  void anUnknownClassifierOrOneBesideRunIsABadValue() {
    assertThat(Main.run("predict", "--classifier", "vgg", "x.jpg")).isEqualTo(3);
    assertThat(Main.run("predict", "--classifier", "fer2013", "--run", tmp.toString(), "x.jpg")).isEqualTo(3);
    assertThat(Main.run("predict", "--tta", "mirror", "x.jpg")).isEqualTo(3);
  }

  /**
   * {@code --classifier}: each record names its classifier, fer2013 differs from face-api's net,
   * and the ensemble's probabilities are the two nets' means, class by class.
   */
  @Test
  void ensembleIsTheMeanOfFaceApiAndFer2013() throws Exception {
    Path cache = weightsOrSkip();
    if (!org.fer4j.face.human.HumanPackage.installed(cache)) {
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        throw new AssertionError("Human's models missing under " + cache + "; run tools/golden/setup.sh");
      }
      Assumptions.abort("Human's models not in the cache; run ./fer models pull human");
    }
    Map<String, JsonNode> records = new HashMap<>();
    for (String classifier : List.of("faceapi", "fer2013", "ensemble")) {
      Path out = tmp.resolve(classifier + ".jsonl");
      assertThat(Main.run("predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1",
          "--classifier", classifier, "-o", out.toString(),
          FaceApiPackage.demoDir(cache).resolve("sample1.jpg").toString())).isZero();
      JsonNode record = new ObjectMapper().readTree(Files.readAllLines(out).get(0));
      assertThat(record.path("classifier").asText()).isEqualTo(classifier);
      records.put(classifier, record.path("faces"));
    }
    assertThat(records.get("ensemble")).hasSize(3);
    double apart = 0;
    for (int f = 0; f < 3; f++) {
      JsonNode a = records.get("faceapi").get(f).path("expressions");
      JsonNode b = records.get("fer2013").get(f).path("expressions");
      JsonNode mean = records.get("ensemble").get(f).path("expressions");
      for (var names = mean.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        double pa = a.path(name).asDouble();
        double pb = b.path(name).asDouble();
        apart = Math.max(apart, Math.abs(pa - pb));
        assertThat(mean.path(name).asDouble()).as(name).isCloseTo((pa + pb) / 2, org.assertj.core.data.Offset.offset(1e-4));
      }
    }
    assertThat(apart).as("the two nets are different nets").isGreaterThan(0.05);
  }

  /** A photo as JPEG from its decoded pixels: upright, or stored turned counter-clockwise with EXIF Orientation 6. */
  static Path jpeg(Path photo, Path file, boolean sideways) throws Exception {
    FloatImage upright = ImageDecoder.decode(photo);
    BufferedImage stored = RgbImage.of(sideways ? Orientation.apply(upright, 8) : upright).toBufferedImage();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(stored, "jpg", bytes);
    Files.write(file, sideways ? JpegMarkers.withOrientation(bytes.toByteArray(), 6) : bytes.toByteArray());
    return file;
  }

  @Test
  void aPhotoStoredSidewaysGivesTheUprightPhotosFacesSizeAndAnnotation() throws Exception {
    Path cache = weightsOrSkip();
    Path photo = FaceApiPackage.demoDir(cache).resolve("sample1.jpg");
    Path upright = jpeg(photo, tmp.resolve("upright.jpg"), false);
    Path sideways = jpeg(photo, tmp.resolve("sideways.jpg"), true);
    Path out = tmp.resolve("out.jsonl");
    Path annotated = tmp.resolve("annotated");
    assertThat(Main.run("predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1", "-o", out.toString(),
        "--annotate", annotated.toString(), upright.toString(), sideways.toString())).isZero();
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(out);
    JsonNode a = json.readTree(lines.get(0));
    JsonNode b = json.readTree(lines.get(1));
    assertThat(b.path("width").asInt()).isEqualTo(1920);
    assertThat(b.path("height").asInt()).isEqualTo(1280);
    assertThat(a.path("faces")).hasSize(3);
    assertThat(b.path("faces")).hasSize(3);
    for (JsonNode face : a.path("faces")) {
      double nearest = Double.MAX_VALUE;
      for (JsonNode other : b.path("faces")) {
        double worst = 0;
        for (String k : List.of("x", "y", "width", "height")) {
          worst = Math.max(worst, Math.abs(face.path("box").path(k).asDouble() - other.path("box").path(k).asDouble()));
        }
        nearest = Math.min(nearest, worst);
      }
      assertThat(nearest).as("box of " + face.path("box")).isLessThan(4.0);
    }
    // The annotation is drawn on the decoded, upright pixels, not on a second, sideways decoding.
    BufferedImage drawn = ImageIO.read(annotated.resolve("sideways.png").toFile());
    assertThat(drawn.getWidth()).isEqualTo(1920);
    assertThat(drawn.getHeight()).isEqualTo(1280);
  }

  @Test
  void explainWritesOneOverlayPerFaceNamedInTheJsonRecord() throws Exception {
    Path cache = weightsOrSkip();
    String photo = FaceApiPackage.demoDir(cache).resolve("sample1.jpg").toString();
    Map<String, JsonNode> faces = new HashMap<>();
    for (String method : List.of("gradcam", "gradcampp")) {
      Path maps = tmp.resolve(method);
      Path out = tmp.resolve(method + ".jsonl");
      assertThat(Main.run("predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1", "-o", out.toString(),
          "--explain", maps.toString(), "--method", method, photo)).isZero();
      JsonNode record = new ObjectMapper().readTree(Files.readAllLines(out).get(0));
      assertThat(record.path("faces")).hasSize(3);
      for (int i = 0; i < 3; i++) {
        Path overlay = maps.resolve("sample1-face" + i + "-" + method + ".png");
        assertThat(record.path("faces").get(i).path("overlay").asText()).isEqualTo(overlay.toString());
        assertThat(overlay).isRegularFile();
      }
      try (var files = Files.list(maps)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .as("three faces and the contact sheet").hasSize(4).contains("contact_sheet.png");
      }
      faces.put(method, record);
    }
    // Same aligned face in the left panel, different heat maps in the right one (8 px gap, 26 px
    // title, 256 px panels: explain/Panels' layout).
    BufferedImage gc = ImageIO.read(tmp.resolve("gradcam/sample1-face0-gradcam.png").toFile());
    BufferedImage pp = ImageIO.read(tmp.resolve("gradcampp/sample1-face0-gradcampp.png").toFile());
    assertThat(meanDifference(gc, pp, 8, 26)).as("aligned face").isZero();
    assertThat(meanDifference(gc, pp, 8 + 256 + 8, 26)).as("heat map").isGreaterThan(1.0);
  }

  private static double meanDifference(BufferedImage a, BufferedImage b, int x0, int y0) {
    double sum = 0;
    for (int y = y0; y < y0 + 256; y++) {
      for (int x = x0; x < x0 + 256; x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((p >> shift) & 255) - ((q >> shift) & 255));
        }
      }
    }
    return sum / (256 * 256 * 3);
  }

  @Test
  void csvHasAHeaderAndOneRowPerFace() throws Exception {
    Path cache = weightsOrSkip();
    Path out = tmp.resolve("out.csv");
    int code = Main.run(
        "predict", "--cache", cache.toString(), "--format", "csv", "--threads", "1", "-o", out.toString(),
        FaceApiPackage.demoDir(cache).resolve("sample2.jpg").toString());
    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0)).startsWith("source,face,score,x,y,width,height,expression,p_surprise");
    assertThat(lines).hasSize(2); // sample2.jpg holds one face
    assertThat(lines.get(1).split(",", -1)).hasSize(lines.get(0).split(",").length);
    assertThat(lines.get(0)).endsWith(",error,classifier");
    assertThat(lines.get(1)).endsWith(",faceapi");
  }

  @Test
  void foldersAndGlobsExpandToSortedImages() throws Exception {
    Files.createDirectories(tmp.resolve("a/b"));
    for (String f : List.of("a/2.jpg", "a/1.png", "a/b/3.jpg", "a/notes.txt")) {
      Files.writeString(tmp.resolve(f), "x");
    }
    InputPaths.Expansion folder = InputPaths.expand(List.of(tmp.resolve("a").toString()));
    assertThat(folder.many()).isTrue();
    assertThat(folder.files()).containsExactly(tmp.resolve("a/1.png"), tmp.resolve("a/2.jpg"), tmp.resolve("a/b/3.jpg"));
    InputPaths.Expansion glob = InputPaths.expand(List.of(tmp.resolve("a").toString() + "/*.jpg"));
    assertThat(glob.files()).containsExactly(tmp.resolve("a/2.jpg"));
    InputPaths.Expansion single = InputPaths.expand(List.of(tmp.resolve("a/2.jpg").toString()));
    assertThat(single.many()).isFalse();
  }
}

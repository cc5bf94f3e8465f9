package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fer predict --run RUN_DIR} with tiny trained runs: a static ResNet-18 classifies every
 * face of images and video frames; a 4-frame GCSA-ResNet-18 classifies each track's sliding
 * window. The runs' class names are renamed in labels.json so the test sees that the output's
 * names come from the run.
 */
class RunPredictTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path staticRun;
  static Path clipRun;
  @TempDir Path tmp;

  @BeforeAll
  static void train() throws Exception {
    staticRun = TinyRuns.staticRun(dir);
    clipRun = TinyRuns.clipRun(dir);
    rename(staticRun, "s_");
    rename(clipRun, "clip_");
  }

  private static List<String> names(Path run) throws Exception {
    List<String> names = new ArrayList<>();
    JSON.readTree(run.resolve("labels.json").toFile()).path("classes").forEach(c -> names.add(c.asText()));
    return names;
  }

  private static void rename(Path run, String prefix) throws Exception {
    ObjectNode labels = (ObjectNode) JSON.readTree(run.resolve("labels.json").toFile());
    ArrayNode classes = labels.putArray("classes");
    for (int i = 0; i < 7; i++) {
      classes.add(prefix + i);
    }
    JSON.writeValue(run.resolve("labels.json").toFile(), labels);
  }

  private static double sum(JsonNode probs) {
    double s = 0;
    for (JsonNode p : probs) {
      s += p.asDouble();
    }
    return s;
  }

  @Test
  void imagesUseTheRunsClassifierAndClassNames() throws Exception {
    Path cache = VideoPredictTest.cacheOrSkip();
    Path out = tmp.resolve("out.jsonl");
    int code = Main.run("predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1",
        "--run", staticRun.toString(), "-o", out.toString(), FaceApiPackage.demoDir(cache).resolve("sample1.jpg").toString());
    assertThat(code).isZero();
    JsonNode image = JSON.readTree(Files.readAllLines(out).get(0));
    assertThat(image.path("faces")).hasSize(3); // the detector is unchanged: face-api's three faces
    for (JsonNode face : image.path("faces")) {
      List<String> keys = new ArrayList<>();
      face.path("expressions").fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactlyElementsOf(names(staticRun));
      assertThat(sum(face.path("expressions"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
      assertThat(face.path("expression").asText()).startsWith("s_");
    }
    Path csv = tmp.resolve("out.csv");
    assertThat(Main.run("predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1", "--format", "csv",
        "--run", staticRun.toString(), "-o", csv.toString(), FaceApiPackage.demoDir(cache).resolve("sample2.jpg").toString()))
        .isZero();
    assertThat(Files.readAllLines(csv).get(0)).contains("p_s_0,p_s_1").doesNotContain("p_happiness");
  }

  @Test
  void explainWithARunWritesTheRunsHeatMapPerFace() throws Exception {
    Path cache = VideoPredictTest.cacheOrSkip();
    Path out = tmp.resolve("out.jsonl");
    Path maps = tmp.resolve("maps");
    assertThat(Main.run("predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1",
        "--run", staticRun.toString(), "-o", out.toString(), "--explain", maps.toString(), "--method", "gradcampp",
        FaceApiPackage.demoDir(cache).resolve("sample1.jpg").toString())).isZero();
    JsonNode faces = JSON.readTree(Files.readAllLines(out).get(0)).path("faces");
    assertThat(faces).hasSize(3);
    for (int i = 0; i < 3; i++) {
      Path overlay = maps.resolve("sample1-face" + i + "-gradcampp.png");
      assertThat(faces.get(i).path("overlay").asText()).isEqualTo(overlay.toString());
      assertThat(overlay).isRegularFile();
    }
    assertThat(maps.resolve("contact_sheet.png")).isRegularFile();
  }

  @Test
  void clipRunOnImagesAndNonRunFolderAreClearErrors() throws Exception {
    Path cache = VideoPredictTest.cacheOrSkip();
    String photo = FaceApiPackage.demoDir(cache).resolve("sample2.jpg").toString();
    assertThat(Main.run("predict", "--cache", cache.toString(), "--threads", "1", "--run", clipRun.toString(), photo))
        .isEqualTo(3);
    assertThat(Main.run("predict", "--cache", cache.toString(), "--threads", "1", "--run", tmp.toString(), photo))
        .isNotZero();
  }

  /** JSON lines of {@code predict --run RUN} on a 12-frame pan over sample1.jpg. */
  private List<String> predictPanVideo(Path run) throws Exception {
    Path cache = VideoPredictTest.cacheOrSkip();
    Path video = VideoPredictTest.panVideo(FaceApiPackage.demoDir(cache).resolve("sample1.jpg"), tmp.resolve("pan.mp4"));
    Path out = tmp.resolve("out.jsonl");
    int code = Main.run("predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1",
        "--run", run.toString(), "-o", out.toString(), video.toString());
    assertThat(code).isZero();
    return Files.readAllLines(out);
  }

  @Test
  void videoWithStaticRunClassifiesEveryFrame() throws Exception {
    List<String> lines = predictPanVideo(staticRun);
    assertThat(lines).hasSize(12);
    int faces = 0;
    for (String line : lines) {
      for (JsonNode face : JSON.readTree(line).path("faces")) {
        assertThat(face.path("expressions").has("s_0")).isTrue();
        assertThat(face.has("clipExpressions")).isFalse();
        faces++;
      }
    }
    assertThat(faces).isGreaterThanOrEqualTo(2 * 11); // two faces in every frame from frame 1 on
  }

  @Test
  void videoWithClipRunClassifiesEachTracksSlidingWindow() throws Exception {
    List<String> lines = predictPanVideo(clipRun);
    assertThat(lines).hasSize(12);
    Map<Integer, List<Integer>> clipFramesByTrack = new TreeMap<>();
    for (String line : lines) {
      JsonNode frame = JSON.readTree(line);
      for (JsonNode face : frame.path("faces")) {
        assertThat(face.path("expressions").has("Happiness")).as("per-frame: face-api's net").isTrue();
        if (face.has("clipExpressions")) {
          List<String> keys = new ArrayList<>();
          face.path("clipExpressions").fieldNames().forEachRemaining(keys::add);
          assertThat(keys).containsExactlyElementsOf(names(clipRun));
          assertThat(sum(face.path("clipExpressions"))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
          clipFramesByTrack.computeIfAbsent(face.path("track").asInt(), t -> new ArrayList<>())
              .add(frame.path("frame").asInt());
        }
      }
    }
    System.out.println("clip windows by track: " + clipFramesByTrack);
    // Tracks 1 and 2 are confirmed at frame 1 and seen in every frame: their 4-frame window is
    // full at frame 4, then a new window every 2 frames (half the run's frame count).
    assertThat(clipFramesByTrack.get(1)).containsExactly(4, 6, 8, 10);
    assertThat(clipFramesByTrack.get(2)).containsExactly(4, 6, 8, 10);
  }
}

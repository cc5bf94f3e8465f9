package org.fer4j.predict.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.pose.FaceMeasures;
import org.fer4j.face.pose.FaceOpenness;
import org.fer4j.face.pose.HeadPose;
import org.fer4j.predict.FaceResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoOutputsTest {
  @TempDir static Path dir;
  static final List<FrameResult> FRAMES = new ArrayList<>();
  static Path annotated;

  @BeforeAll
  static void analyse() throws Exception {
    Path clip = dir.resolve("two.mp4");
    SyntheticVideo.write(clip, 60, 25, List.of(
        new SyntheticVideo.Square(Color.RED, 24, 5, 40, 1.5, 0, 0, 50),
        new SyntheticVideo.Square(Color.GREEN, 24, 120, 80, -1, -0.5, 10, 40)));
    annotated = dir.resolve("annotated.mp4");
    try (VideoAnnotator annotator = new VideoAnnotator(annotated, 25)) {
      VideoAnalyzer.builder().setAnalyzer(new SquareAnalyzer()).build().analyze(clip, (r, img) -> {
        FRAMES.add(r);
        annotator.write(r, img);
      });
      assertThat(annotator.written()).isEqualTo(60);
    }
  }

  @Test
  void jsonLinesCarryTrackIdsTimesAndNoFaceReasons() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode f11 = json.readTree(VideoFormats.jsonLine(FRAMES.get(11)));
    assertThat(f11.get("frame").asLong()).isEqualTo(11);
    assertThat(f11.get("time").asDouble()).isEqualTo(0.44);
    assertThat(f11.get("faces")).hasSize(2);
    assertThat(f11.get("faces").get(0).get("track").asInt()).isEqualTo(1);
    assertThat(f11.get("faces").get(0).get("expression").asText()).isEqualTo("Anger");
    assertThat(f11.get("faces").get(1).get("expressions").get("Happiness").asDouble()).isEqualTo(0.8);
    JsonNode f55 = json.readTree(VideoFormats.jsonLine(FRAMES.get(55)));
    assertThat(f55.get("reason").asText()).isEqualTo("no face found");
    assertThat(f55.get("faces")).isEmpty();
  }

  @Test
  void csvHasOneRowPerFrameAndTrack() {
    LabelSpace labels = LabelSpace.EXPRESSION_7;
    String header = VideoFormats.csvHeader(labels, null);
    int columns = header.split(",", -1).length;
    assertThat(columns).isEqualTo(10 + 7 + 6 + 1);
    List<String> rows = new ArrayList<>();
    FRAMES.forEach(f -> rows.addAll(VideoFormats.csvRows(f, labels, null)));
    // 50 frames with red, 30 of them with green too, 10 without faces.
    assertThat(rows).hasSize(50 + 30 + 10);
    rows.forEach(r -> assertThat(r.split(",", -1)).hasSize(columns));
    assertThat(VideoFormats.csvRows(FRAMES.get(55), labels, null).get(0)).endsWith(",no face found").startsWith(FRAMES.get(55).source() + ",55,2.2000,");
    assertThat(VideoFormats.csvRows(FRAMES.get(20), labels, null).get(1)).contains(",20,0.8000,2,");
  }

  @Test
  void annotatedVideoHasEveryFrameWithTrackColouredBoxes() {
    List<Integer> numbers = new ArrayList<>();
    BufferedImage frame30 = null;
    try (VideoReader reader = new VideoReader(annotated, 0)) {
      while (reader.hasNext()) {
        VideoFrame f = reader.next();
        numbers.add(SyntheticVideo.frameNumber(f.image()));
        frame30 = f.index() == 30 ? f.image() : frame30;
      }
    }
    assertThat(numbers).hasSize(60);
    assertThat(numbers.get(59)).isEqualTo(59);
    // Track 1 (red square at x = 5 + 1.5 * 30 = 50, y = 40..63) gets palette colour 0 (230, 25, 75)
    // on its box's left edge; below the square the background stays grey.
    FaceBox box = FRAMES.get(30).faces().get(0).face().box();
    int rgb = frame30.getRGB(Math.round(box.x()) - 1, Math.round(box.y() + box.height() / 2));
    assertThat((rgb >> 16) & 0xFF).isGreaterThan(150);
    assertThat((rgb >> 8) & 0xFF).isLessThan(100);
    int below = frame30.getRGB(Math.round(box.x() + box.width() / 2), 110);
    assertThat((below >> 8) & 0xFF).isBetween(110, 146);
  }

  @Test
  void timelinePlotsOneChartPerTrack() throws Exception {
    Timeline timeline = new Timeline(LabelSpace.EXPRESSION_7, 1000);
    FRAMES.forEach(timeline::add);
    assertThat(timeline.tracks()).containsExactly(1, 2);
    Timeline.Points red = timeline.points(1);
    assertThat(red.seconds()).hasSize(49); // frames 1..49 (frame 0 was tentative)
    assertThat(red.seconds()[0]).isEqualTo(0.04);
    int anger = LabelSpace.EXPRESSION_7.indexOf("Anger");
    assertThat(red.probabilities()[anger]).containsOnly(0.800000011920929);
    Path png = dir.resolve("timeline.png");
    assertThat(timeline.writePng(png, 600, 200)).isEqualTo(2);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(600);
    assertThat(img.getHeight()).isEqualTo(400);
  }

  @Test
  void timelineHalvesResolutionWithWeightedMeansWhenFull() {
    Timeline timeline = new Timeline(new LabelSpace("one", List.of("x"), false), 4);
    for (int t = 0; t <= 6; t++) {
      FaceBox box = new FaceBox(0, 0, 10, 10);
      FaceResult face = new FaceResult(box, 1, null, box, Map.of("x", t / 10f), Float.NaN, null, Float.NaN);
      timeline.add(new FrameResult("v", t, t, 10, 10, List.of(new TrackedFace(1, face, null)), null));
    }
    // 5 points -> (0,1) (2,3) 4; +5; 5 points -> (0..3) (4,5) 6.
    Timeline.Points p = timeline.points(1);
    assertThat(p.seconds()).containsExactly(1.5, 4.5, 6.0);
    assertThat(p.probabilities()[0][0]).isCloseTo(0.15, within(1e-6));
    assertThat(p.probabilities()[0][1]).isCloseTo(0.45, within(1e-6));
  }

  @Test
  void measuredFacesCarryPoseAndOpennessInJsonAndCsv() throws Exception {
    FaceBox box = new FaceBox(0, 0, 10, 10);
    FaceMeasures m = new FaceMeasures(new HeadPose(12.5, -4, 3), new FaceOpenness(0.2, 0.31, 0.05), 2);
    FaceResult face = new FaceResult(box, 1, null, box, Map.of("x", 1f), Float.NaN, null, Float.NaN, null, m);
    FrameResult frame = new FrameResult("v", 3, 0.12, 10, 10, List.of(new TrackedFace(1, face, null)), null);
    JsonNode f = new ObjectMapper().readTree(VideoFormats.jsonLine(frame)).path("faces").get(0);
    assertThat(f.path("pose").path("yaw").asDouble()).isEqualTo(12.5);
    assertThat(f.path("pose").path("pitch").asDouble()).isEqualTo(-4);
    assertThat(f.path("openness").path("rightEye").asDouble()).isEqualTo(0.05);
    LabelSpace one = new LabelSpace("one", List.of("x"), false);
    List<String> header = List.of(VideoFormats.csvHeader(one, null).split(","));
    String[] row = VideoFormats.csvRows(frame, one, null).get(0).split(",", -1);
    assertThat(row).hasSize(header.size());
    assertThat(row[header.indexOf("roll")]).isEqualTo("3.0000");
    assertThat(row[header.indexOf("mouth_open")]).isEqualTo("0.2000");
  }

  @Test
  void aFrameRecordNamesItsClassifierAndIsOtherwiseTheSame() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode named = (ObjectNode) json.readTree(VideoFormats.jsonLine(FRAMES.get(11), "fer2013"));
    assertThat(named.path("classifier").asText()).isEqualTo("fer2013");
    named.remove("classifier");
    assertThat(named).isEqualTo(json.readTree(VideoFormats.jsonLine(FRAMES.get(11))));
    assertThat(named.path("faces").get(0).path("expressions").size()).isEqualTo(7);
  }
}

package org.fer4j.predict.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoAnalyzerTest {
  @TempDir static Path dir;
  static Path clip;

  // Red moves right across the whole clip; green enters at frame 10 and leaves at 40; no squares
  // in frames 50..59.
  @BeforeAll
  static void encode() throws Exception {
    clip = dir.resolve("two.mp4");
    SyntheticVideo.write(clip, 60, 25, List.of(
        new SyntheticVideo.Square(Color.RED, 24, 5, 40, 1.5, 0, 0, 50),
        new SyntheticVideo.Square(Color.GREEN, 24, 120, 80, -1, -0.5, 10, 40)));
  }

  @Test
  void tracksKeepTheirIdsAndFramesWithoutFacesAreRecorded() {
    VideoAnalyzer analyzer = VideoAnalyzer.builder().setAnalyzer(new SquareAnalyzer()).optBatchSize(7).build();
    List<FrameResult> frames = new ArrayList<>();
    Map<String, Set<Integer>> idsByExpression = new HashMap<>();
    VideoAnalyzer.Summary summary = analyzer.analyze(clip, (r, img) -> {
      assertThat(SyntheticVideo.frameNumber(img)).isEqualTo((int) r.frame());
      frames.add(r);
      r.faces().forEach(f -> idsByExpression.computeIfAbsent(f.face().topExpression(), k -> new HashSet<>()).add(f.track()));
    });
    assertThat(frames).hasSize(60);
    assertThat(frames.stream().mapToLong(FrameResult::frame).toArray())
        .containsExactly(java.util.stream.LongStream.range(0, 60).toArray());
    // minHits 2: each square's first frame is tentative (0), then one id for its whole life.
    assertThat(idsByExpression.get("Anger")).containsExactlyInAnyOrder(0, 1);
    assertThat(idsByExpression.get("Happiness")).containsExactlyInAnyOrder(0, 2);
    assertThat(frames.get(10).faces()).extracting(TrackedFace::track).containsExactly(1, 0);
    assertThat(frames.get(11).faces()).extracting(TrackedFace::track).containsExactly(1, 2);
    assertThat(frames.get(45).faces()).extracting(TrackedFace::track).containsExactly(1);
    assertThat(summary).isEqualTo(new VideoAnalyzer.Summary(60, 0, 10, 2));
  }

  /** A clip model that reports, per class, the mean red/green/blue of its window (real values). */
  private static final class MeanColourClip implements ClipClassifier {
    final List<Integer> sizes = new ArrayList<>();

    @Override
    public LabelSpace labels() {
      return new LabelSpace("rgb", List.of("r", "g", "b"), false);
    }

    @Override
    public int frames() {
      return 16;
    }

    @Override
    public int size() {
      return 8;
    }

    @Override
    public List<float[]> classify(List<List<RgbImage>> clips) {
      List<float[]> out = new ArrayList<>();
      for (List<RgbImage> clip : clips) {
        sizes.add(clip.size());
        float[] mean = new float[3];
        for (RgbImage crop : clip) {
          assertThat(crop.width()).isEqualTo(8);
          for (int i = 0; i < crop.data().length; i++) {
            mean[i % 3] += crop.data()[i] / (crop.data().length / 3f) / clip.size() / 255f;
          }
        }
        out.add(mean);
      }
      return out;
    }
  }

  @Test
  void clipModelRunsOnSixteenFrameWindowsEveryStride() {
    MeanColourClip clipModel = new MeanColourClip();
    VideoAnalyzer analyzer = VideoAnalyzer.builder().setAnalyzer(new SquareAnalyzer())
        .optClipClassifier(clipModel).optClipStride(8).build();
    Map<Integer, List<Long>> clipFrames = new HashMap<>();
    analyzer.analyze(clip, (r, img) -> r.faces().stream().filter(f -> f.clipExpressions() != null).forEach(f -> {
      clipFrames.computeIfAbsent(f.track(), k -> new ArrayList<>()).add(r.frame());
      String strongest = f.track() == 1 ? "r" : "g";
      assertThat(f.clipExpressions().get(strongest)).isGreaterThan(0.6f);
    }));
    // Track 1 is confirmed at frame 1 and seen until 49: first full window at frame 16, then
    // every 8 frames. Track 2: confirmed at 11, last seen 39: windows end at 26 and 34.
    assertThat(clipFrames.get(1)).containsExactly(16L, 24L, 32L, 40L, 48L);
    assertThat(clipFrames.get(2)).containsExactly(26L, 34L);
    assertThat(clipModel.sizes).containsOnly(16);
  }

  @Test
  void samplingAnalysesFewerFramesWithSourceIndices() {
    VideoAnalyzer analyzer = VideoAnalyzer.builder().setAnalyzer(new SquareAnalyzer()).optSampleFps(5).build();
    List<Long> indices = new ArrayList<>();
    analyzer.analyze(clip, (r, img) -> indices.add(r.frame()));
    assertThat(indices).containsExactly(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L, 45L, 50L, 55L);
  }
}

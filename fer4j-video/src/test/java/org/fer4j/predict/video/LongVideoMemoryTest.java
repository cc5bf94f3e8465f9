package org.fer4j.predict.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat over a long video: 6000 frames (4 minutes at 25 fps) with 30 people coming
 * and going one after another (each visible for 200 frames), through decode, analysis, tracking,
 * 16-frame clip windows and the timeline.
 *
 * <p>Bounds, measured after a warm-up (JIT, first tracks born and dead) to the end:
 * <ul>
 *   <li>Heap after a full GC grows by less than 2 MB from frame 500 to the end. Anything kept
 *       per frame would show: one leaked {@link FrameResult} with its face (a record, a box, a
 *       7-entry map of boxed floats, about 600 bytes) over the remaining 5500 frames is 3.3 MB;
 *       one leaked frame image is 57 KB, 300 MB in all. The timeline is bounded by design (at
 *       most 4000 points per track; here 190 per track, 30 tracks, about 0.5 MB in all).
 *   <li>Resident memory less the committed heap's growth grows by less than 120 MB from frame
 *       1000 to the last (read in the sink, away from forced GCs, which move resident pages).
 *       That catches any leak of 24 KB or more per frame over the 5000 frames, so any leaked
 *       native frame buffer: the smallest, the 160x120 YUV 4:2:0 picture, is 29 KB (145 MB in
 *       all), the RGB conversion 57 KB. Measured 8 to 26 MB in most runs and once 83 MB (JIT,
 *       allocator arenas, heap pages touched without being counted as committed growth, which
 *       depends on what ran before in the same JVM); 64 MB was too tight for that noise.
 * </ul>
 */
class LongVideoMemoryTest {
  private static final int FRAMES = 6000;
  @TempDir Path dir;

  private static long heapAfterGc(MemoryMXBean memory) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      best = Math.min(best, memory.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  private static final class MeanClip implements ClipClassifier {
    @Override
    public LabelSpace labels() {
      return new LabelSpace("one", List.of("bright"), false);
    }

    @Override
    public int frames() {
      return 16;
    }

    @Override
    public int size() {
      return 32;
    }

    @Override
    public List<float[]> classify(List<List<RgbImage>> clips) {
      List<float[]> out = new ArrayList<>();
      for (List<RgbImage> clip : clips) {
        out.add(new float[] {clip.get(clip.size() - 1).data()[0] / 255f});
      }
      return out;
    }
  }

  @Test
  void heapAndResidentMemoryStayFlatOverSixThousandFrames() throws Exception {
    // Person p is on screen in frames [200p, 200p + 190), entering at x = 10 and moving right.
    Color[] colours = {Color.RED, Color.GREEN, Color.BLUE};
    List<SyntheticVideo.Square> people = new ArrayList<>();
    for (int p = 0; p < FRAMES / 200; p++) {
      int from = p * 200;
      people.add(new SyntheticVideo.Square(colours[p % 3], 30, (int) (10 - 0.2 * from), 40, 0.2, 0, from, from + 190));
    }
    Path clip = dir.resolve("long.mp4");
    SyntheticVideo.write(clip, FRAMES, 25, people);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long[] at = new long[5]; // heap after GC at 500; resident and committed heap at 1000 and at the end
    Timeline timeline = new Timeline(LabelSpace.EXPRESSION_7, 4000);
    VideoAnalyzer analyzer = VideoAnalyzer.builder().setAnalyzer(new SquareAnalyzer())
        .optClipClassifier(new MeanClip()).build();
    VideoAnalyzer.Summary summary = analyzer.analyze(clip, (r, img) -> {
      timeline.add(r);
      if (r.frame() == 500) {
        at[0] = heapAfterGc(memory);
      } else if (r.frame() == 1000 || r.frame() == FRAMES - 1) {
        int k = r.frame() == 1000 ? 1 : 3;
        at[k] = Pointer.physicalBytes();
        at[k + 1] = memory.getHeapMemoryUsage().getCommitted();
      }
    });
    long heapGrowth = heapAfterGc(memory) - at[0];
    // Resident growth without the heap's own growth (committed pages are resident once touched).
    long committedGrowth = at[4] - at[2];
    long rssGrowth = at[3] - at[1] - Math.max(0, committedGrowth);
    System.out.printf("long video: heap growth %.2f MB, committed heap growth %.1f MB, other resident growth %.1f MB%n",
        heapGrowth / 1e6, committedGrowth / 1e6, rssGrowth / 1e6);
    assertThat(summary.frames()).isEqualTo(FRAMES);
    assertThat(summary.tracks()).isEqualTo(FRAMES / 200);
    assertThat(heapGrowth).isLessThan(2_000_000L);
    assertThat(rssGrowth).isLessThan(120_000_000L);
  }
}

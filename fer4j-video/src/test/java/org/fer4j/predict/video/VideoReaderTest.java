package org.fer4j.predict.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoReaderTest {
  @TempDir static Path dir;
  static Path clip;

  @BeforeAll
  static void encode() throws Exception {
    clip = dir.resolve("clip.mp4");
    SyntheticVideo.write(clip, 50, 25, List.of(new SyntheticVideo.Square(Color.RED, 20, 10, 30, 2, 0, 0, 50)));
  }

  @Test
  void decodesEveryFrameInDisplayOrderWithTimestamps() {
    List<Integer> numbers = new ArrayList<>();
    List<Double> seconds = new ArrayList<>();
    try (VideoReader reader = new VideoReader(clip, 0)) {
      assertThat(reader.frameRate()).isEqualTo(25.0);
      assertThat(reader.width()).isEqualTo(SyntheticVideo.WIDTH);
      while (reader.hasNext()) {
        VideoFrame f = reader.next();
        assertThat(f.ok()).isTrue();
        assertThat(f.index()).isEqualTo(numbers.size());
        numbers.add(SyntheticVideo.frameNumber(f.image()));
        seconds.add(f.seconds());
      }
      assertThat(reader.errors()).isZero();
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      expected.add(i);
    }
    assertThat(numbers).isEqualTo(expected); // B-frames reordered back to display order
    assertThat(seconds.get(0)).isEqualTo(0.0);
    assertThat(seconds.get(25)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void samplingKeepsOneFramePerPeriod() {
    List<Integer> numbers = new ArrayList<>();
    try (VideoReader reader = new VideoReader(clip, 5)) {
      reader.forEachRemaining(f -> numbers.add(SyntheticVideo.frameNumber(f.image())));
    }
    // 25 fps sampled at 5 fps: frames 0, 5, 10, ... (every 0.2 s) of 2 s of video.
    assertThat(numbers).containsExactly(0, 5, 10, 15, 20, 25, 30, 35, 40, 45);
  }

  @Test
  void missingAndNonVideoFilesAreNamedErrors() throws Exception {
    assertThatThrownBy(() -> new VideoReader(dir.resolve("nope.mp4"), 0))
        .isInstanceOf(FerException.class).hasMessageContaining("nope.mp4");
    Path text = Files.writeString(dir.resolve("notes.mp4"), "not a video at all\n".repeat(20));
    assertThatThrownBy(() -> new VideoReader(text, 0))
        .isInstanceOf(FerException.class).hasMessageContaining("notes.mp4");
    assertThatThrownBy(() -> new VideoReader(clip, -1))
        .isInstanceOf(FerException.class).hasMessageContaining(">= 0");
  }

  @Test
  void damagedStreamDataDecodesWithoutThrowing() throws Exception {
    byte[] all = Files.readAllBytes(clip);
    // Overwrite 400 bytes of compressed picture data in the middle (the mp4 index is at the end
    // and stays intact): the decoder conceals or rejects the hit frames, the rest decode.
    byte[] damaged = all.clone();
    for (int i = all.length / 3; i < all.length / 3 + 400; i++) {
      damaged[i] = (byte) (i * 31);
    }
    Path broken = Files.write(dir.resolve("damaged.mp4"), damaged);
    int good = 0;
    int total = 0;
    try (VideoReader reader = new VideoReader(broken, 0)) {
      while (reader.hasNext()) {
        VideoFrame f = reader.next();
        total++;
        good += f.ok() ? 1 : 0;
      }
    }
    assertThat(total).isBetween(40, 50);
    assertThat(good).isGreaterThanOrEqualTo(40);
  }
}

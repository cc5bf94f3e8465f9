package org.fer4j.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ImageDecodersTest {
  private static final Path A = Path.of("a.jpg");
  private static final Path B = Path.of("b.jpg");
  private static final Path C = Path.of("c.jpg");

  /** A decoder with a bug: b.jpg makes it throw something no one planned for. */
  private static final Function<Path, RgbImage> BUGGY = file -> {
    if (file.equals(B)) {
      throw new IllegalStateException("decoder bug");
    }
    return new RgbImage(2, 1, new float[] {1, 2, 3, 4, 5, 6});
  };

  @Test
  void anUnexpectedDecoderErrorCostsOnlyItsOwnFile() {
    for (int threads : new int[] {1, 3}) {
      List<DecodedFile> all = ImageDecoders.readAll(List.of(A, B, C), threads, BUGGY);
      assertThat(all).as(threads + " thread(s)").extracting(DecodedFile::file).containsExactly(A, B, C);
      assertThat(all).extracting(DecodedFile::ok).containsExactly(true, false, true);
      assertThat(all.get(1).error()).contains("b.jpg").contains("IllegalStateException").contains("decoder bug");
      assertThat(all.get(2).image().width()).isEqualTo(2);
    }
  }

  @Test
  void missingFilesAreFailedEntriesThatNameThem() {
    List<DecodedFile> all = ImageDecoders.readAll(List.of(Path.of("no-such-dir/x.png")), 1);
    assertThat(all.get(0).ok()).isFalse();
    assertThat(all.get(0).error()).contains("x.png").contains("does not exist");
  }
}

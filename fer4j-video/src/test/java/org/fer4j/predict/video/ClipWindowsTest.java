package org.fer4j.predict.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.fer4j.data.FaceBox;
import org.fer4j.face.RgbImage;
import org.junit.jupiter.api.Test;

/** Face crops for clip models are shrunk like training crops: anti-aliased, not point-sampled. */
class ClipWindowsTest {
  @Test
  void cropIsShrunkWithTheAntialiasedTrainingResize() {
    // a one-pixel black and white checkerboard: halving it with the widened triangle filter gives
    // mid-grey away from the border (where the filter is cut off), while sampling single pixels
    // (the tfjs bilinear resize) keeps 0 or 255
    int n = 64;
    float[] data = new float[n * n * 3];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        float v = (x + y) % 2 == 0 ? 255f : 0f;
        for (int c = 0; c < 3; c++) {
          data[3 * (y * n + x) + c] = v;
        }
      }
    }
    RgbImage crop = ClipWindows.crop(new RgbImage(n, n, data), new FaceBox(0, 0, n, n), n / 2);
    int side = n / 2;
    assertThat(crop.width()).isEqualTo(side);
    for (int y = 1; y < side - 1; y++) {
      for (int x = 1; x < side - 1; x++) {
        assertThat(crop.data()[3 * (y * side + x)]).as("(%d, %d)", x, y).isCloseTo(127.5f, within(1e-3f));
      }
    }
  }
}

package org.fer4j.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.PreprocessConfig;
import org.junit.jupiter.api.Test;

class OverlayTest {
  /** A 2x2 explanation whose map is (0, 1 / 0.5, 0.25). */
  private static Explanation twoByTwo() {
    return new Explanation(CamMethod.GRAD_CAM, "layer4", 3, 0.931f, 3, 2, 2,
        new float[] {0f, 1f, 0.5f, 0.25f}, 1, 1, new float[] {2f});
  }

  @Test
  void jetGoesFromDarkBlueThroughGreenToDarkRed() {
    // Channel tents 1.5 - |4t - c| for c = 3 (red), 2 (green), 1 (blue), clipped to [0,1].
    assertThat(Colormap.JET.rgb(0)).isEqualTo(0x000080);
    assertThat(Colormap.JET.rgb(0.5)).isEqualTo(0x80ff80);
    assertThat(Colormap.JET.rgb(1)).isEqualTo(0x800000);
    assertThat(Colormap.JET.rgb(7)).as("clamped").isEqualTo(0x800000);
    assertThat(Colormap.INFERNO.rgb(0)).isEqualTo(0x000004);
    assertThat(Colormap.INFERNO.rgb(1)).isEqualTo(0xfcffa4);
    assertThat(Colormap.GRAY.rgb(0.5)).isEqualTo(0x808080);
    assertThatThrownBy(() -> Colormap.of("rainbow")).isInstanceOf(FerException.class).hasMessageContaining("[jet, inferno, gray]");
  }

  @Test
  void blendMixesEachPixelWithItsHeatColour() {
    BufferedImage white = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 2; x++) {
        white.setRGB(x, y, 0xffffff);
      }
    }
    BufferedImage out = Overlay.blend(white, twoByTwo(), Colormap.GRAY, 0.5f);
    // round(0.5 * 255 + 0.5 * gray(v)): v = 0 -> 128 (127.5), v = 1 -> 255, v = 0.5 -> 192 (127.5 + 64).
    assertThat(out.getRGB(0, 0) & 0xffffff).isEqualTo(0x808080);
    assertThat(out.getRGB(1, 0) & 0xffffff).isEqualTo(0xffffff);
    assertThat(out.getRGB(0, 1) & 0xffffff).isEqualTo(0xc0c0c0);
  }

  @Test
  void figureAndSheetHaveTheirLayoutSizes() {
    PreparedImage img = PreparedImage.of(Path.of("face.png"), new BufferedImage(5, 7, BufferedImage.TYPE_INT_RGB),
        new PreprocessConfig(2, 2, 3, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, 1));
    assertThat(img.chw()).hasSize(12).containsOnly(-2f); // black: (0 - 0.5) / 0.25
    BufferedImage fig = Overlay.render(img, twoByTwo(), "Happiness", "Happiness", Colormap.JET, 0.5f);
    assertThat(fig.getWidth()).isEqualTo(2 * Overlay.PANEL + 3 * 8 + Overlay.BAR_WIDTH + 40);
    assertThat(Overlay.caption(twoByTwo(), "Happiness")).isEqualTo("Happiness 93.1%");
    List<ContactSheet.Entry> five = java.util.Collections.nCopies(5, new ContactSheet.Entry(img, twoByTwo(), "face.png", "Happiness"));
    BufferedImage sheet = ContactSheet.render(five, "title", Colormap.JET, 0.5f);
    // ceil(sqrt(5)) = 3 columns, 2 rows of (160 + 32) under a 28 px title.
    assertThat(sheet.getHeight()).isEqualTo(28 + 2 * 192 + 8);
    assertThat(sheet.getWidth()).isEqualTo(8 + 3 * 168 + 16 + 40);
  }

  @Test
  void massInCountsTheShareOfTheMapInsideARectangle() {
    Explanation e = twoByTwo();
    // Right column: map(0,1) = 1 and map(1,1) = 0.25 of a total 1.75.
    assertThat(e.massIn(0, 1, 2, 2)).isCloseTo(1.25 / 1.75, within(1e-9));
    assertThat(e.massIn(0, 0, 2, 2)).isCloseTo(1.0, within(1e-9));
  }
}

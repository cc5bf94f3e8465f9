package org.fer4j.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.fer4j.FerException;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.JpegMarkers;
import org.fer4j.data.transforms.Orientation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** face-api's preprocessing: square padding and tfjs's bilinear resize. */
class RgbImageTest {
  private static RgbImage gray(int w, int h, float... values) {
    float[] data = new float[w * h * 3];
    for (int i = 0; i < w * h; i++) {
      data[3 * i] = values[i];
      data[3 * i + 1] = values[i];
      data[3 * i + 2] = values[i];
    }
    return new RgbImage(w, h, data);
  }

  private static float[] red(RgbImage img) {
    float[] r = new float[img.width() * img.height()];
    for (int i = 0; i < r.length; i++) {
      r[i] = img.data()[3 * i];
    }
    return r;
  }

  @Test
  void padToSquareAppendsAtBottomRightOrCentres() {
    RgbImage wide = gray(3, 1, 1, 2, 3);
    assertThat(red(wide.padToSquare(false))).containsExactly(1, 2, 3, 0, 0, 0, 0, 0, 0);
    // centred: diff 2 -> round(1) after, 1 before
    assertThat(red(wide.padToSquare(true))).containsExactly(0, 0, 0, 1, 2, 3, 0, 0, 0);
    RgbImage tall = gray(1, 4, 1, 2, 3, 4);
    // diff 3 -> round(1.5)=2 columns after, 1 before
    RgbImage sq = tall.padToSquare(true);
    assertThat(sq.width()).isEqualTo(4);
    assertThat(red(sq)).startsWith(0, 1, 0, 0, 0, 2, 0, 0);
  }

  @Test
  void resizeBilinearSamplesWithoutHalfPixelCentres() {
    // 1x4 row 0,10,20,30 to width 2: sources x=0 and x=2 -> 0, 20 (no averaging, no centres)
    RgbImage row = gray(4, 1, 0, 10, 20, 30);
    assertThat(red(row.resizeBilinear(1, 2))).containsExactly(0, 20);
    // upscale 2 -> 4: sources 0, 0.5, 1, 1.5 (clamped to the last pixel) -> 0, 5, 10, 10
    RgbImage two = gray(2, 1, 0, 10);
    assertThat(red(two.resizeBilinear(1, 4))).containsExactly(0, 5, 10, 10);
  }

  @Test
  void virtualPaddingResizeEqualsPadThenResize() {
    java.util.Random rnd = new java.util.Random(7);
    for (int[] wh : new int[][] {{37, 23}, {23, 37}, {30, 30}, {200, 131}}) {
      float[] data = new float[wh[0] * wh[1] * 3];
      for (int i = 0; i < data.length; i++) {
        data[i] = rnd.nextInt(256);
      }
      RgbImage img = new RgbImage(wh[0], wh[1], data);
      for (boolean centred : new boolean[] {false, true}) {
        for (int size : new int[] {16, 32, 112}) {
          assertThat(img.squareResized(size, centred).data())
              .as(wh[0] + "x" + wh[1] + " centred=" + centred + " size=" + size)
              .containsExactly(img.padToSquare(centred).resizeBilinear(size, size).data());
        }
      }
    }
  }

  @Test
  void fastJpegPathMatchesGetRgb() {
    java.awt.image.BufferedImage bgr = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    bgr.setRGB(0, 0, 0x102030);
    bgr.setRGB(2, 1, 0xA0B0C0);
    RgbImage img = RgbImage.of(bgr);
    assertThat(img.data()).startsWith(0x10, 0x20, 0x30);
    assertThat(img.data()).endsWith(0xA0, 0xB0, 0xC0);
  }

  @Test
  void cropAndChwLayout() {
    RgbImage img = gray(3, 2, 1, 2, 3, 4, 5, 6);
    RgbImage c = img.crop(1, 0, 2, 2);
    assertThat(red(c)).containsExactly(2, 3, 5, 6);
    float[] chw = new float[12];
    c.toChw(chw, 0);
    assertThat(chw).startsWith(2, 3, 5, 6, 2, 3, 5, 6);
  }

  @Test
  void orientationTurnsInterleavedPixelsAsItTurnsPlanarOnes() {
    // 3 wide, 2 tall, values 0..5: the planar mapping is checked against the EXIF table elsewhere.
    RgbImage img = gray(3, 2, 0, 1, 2, 3, 4, 5);
    FloatImage planar = new FloatImage(1, 2, 3, new float[] {0, 1, 2, 3, 4, 5});
    for (int o = 1; o <= 8; o++) {
      RgbImage turned = img.oriented(o);
      FloatImage expected = Orientation.apply(planar, o);
      assertThat(turned.width()).as("width, orientation " + o).isEqualTo(expected.width());
      assertThat(turned.height()).as("height, orientation " + o).isEqualTo(expected.height());
      assertThat(red(turned)).as("orientation " + o).containsExactly(expected.data());
    }
  }

  @Test
  void aPhotoStoredSidewaysWithOrientationSixReadsUpright(@TempDir Path dir) throws Exception {
    // Upright: 32 wide, 16 tall, red left, blue right. A phone stores it turned counter-clockwise
    // (16 wide, 32 tall, blue on top) and writes Orientation 6: "turn clockwise to view".
    BufferedImage stored = new BufferedImage(16, 32, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = stored.createGraphics();
    g.setColor(Color.BLUE);
    g.fillRect(0, 0, 16, 16);
    g.setColor(Color.RED);
    g.fillRect(0, 16, 16, 16);
    g.dispose();
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(stored, "jpg", jpeg);
    Path file = dir.resolve("phone.jpg");
    Files.write(file, JpegMarkers.withOrientation(jpeg.toByteArray(), 6));

    RgbImage img = RgbImage.read(file);
    assertThat(img.width()).isEqualTo(32);
    assertThat(img.height()).isEqualTo(16);
    int left = (8 * 32 + 4) * 3;
    int right = (8 * 32 + 28) * 3;
    assertThat(img.data()[left]).as("red on the left").isGreaterThan(200f);
    assertThat(img.data()[right + 2]).as("blue on the right").isGreaterThan(200f);
    assertThat(img.data()[right]).isLessThan(50f);
  }

  @Test
  void grayPhotosKeepTheirLevels() throws Exception {
    // Java2D's getRGB would turn linear gray 100 into about 168: read the samples as training does.
    BufferedImage gray = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(1, 1, 0, 100);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(gray, "png", png);
    RgbImage img = RgbImage.decode(png.toByteArray(), "gray.png");
    int at = (1 * 4 + 1) * 3;
    assertThat(new float[] {img.data()[at], img.data()[at + 1], img.data()[at + 2]}).containsExactly(100f, 100f, 100f);
  }

  @Test
  void planarDecoderPixelsConvertExactly() {
    float[] v = new float[3 * 256];
    for (int i = 0; i < 256; i++) {
      v[i] = i / 255f;
      v[256 + i] = (255 - i) / 255f;
      v[512 + i] = 0;
    }
    RgbImage img = RgbImage.of(new FloatImage(3, 16, 16, v));
    for (int i = 0; i < 256; i++) {
      assertThat(img.data()[3 * i]).isEqualTo((float) i);
      assertThat(img.data()[3 * i + 1]).isEqualTo((float) (255 - i));
    }
  }

  @Test
  void brokenFileNamesIt(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.jpg");
    Files.writeString(f, "not an image");
    assertThatThrownBy(() -> RgbImage.read(f))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("broken.jpg");
  }
}

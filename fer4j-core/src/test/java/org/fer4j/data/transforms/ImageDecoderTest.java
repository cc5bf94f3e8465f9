package org.fer4j.data.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

  static byte[] encode(BufferedImage img, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(img, format, out)).isTrue();
    return out.toByteArray();
  }

  /** 32 wide, 16 tall: left half red, right half blue. */
  static BufferedImage redLeftBlueRight() {
    BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, 16, 16);
    g.setColor(Color.BLUE);
    g.fillRect(16, 0, 16, 16);
    g.dispose();
    return img;
  }

  static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
    byte[] out = new byte[jpeg.length + segment.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(segment, 0, out, 2, segment.length);
    System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
    return out;
  }

  @Test
  void exifOrientationSixRotatesClockwise() throws Exception {
    byte[] jpeg = JpegMarkers.withOrientation(encode(redLeftBlueRight(), "jpg"), 6);
    assertThat(JpegMarkers.read(jpeg).orientation()).isEqualTo(6);
    FloatImage img = ImageDecoder.decode(jpeg, "rotated.jpg");
    assertThat(img.width()).isEqualTo(16);
    assertThat(img.height()).isEqualTo(32);
    // The left (red) half is now on top, the blue half at the bottom.
    assertThat(img.get(0, 4, 8)).isGreaterThan(0.8f);
    assertThat(img.get(2, 4, 8)).isLessThan(0.2f);
    assertThat(img.get(0, 28, 8)).isLessThan(0.2f);
    assertThat(img.get(2, 28, 8)).isGreaterThan(0.8f);
  }

  @Test
  void theFirstExifSegmentDecides() throws Exception {
    byte[] twice = JpegMarkers.withOrientation(JpegMarkers.withOrientation(encode(redLeftBlueRight(), "jpg"), 3), 8);
    assertThat(JpegMarkers.read(twice).orientation()).isEqualTo(8);
  }

  @Test
  void withoutExifTheImageKeepsItsShape() throws Exception {
    FloatImage img = ImageDecoder.decode(encode(redLeftBlueRight(), "jpg"), "plain.jpg");
    assertThat(img.width()).isEqualTo(32);
    assertThat(img.height()).isEqualTo(16);
    assertThat(img.get(0, 8, 4)).isGreaterThan(0.8f);
  }

  @Test
  void orientationsMapCornersAsTheExifTableSays() {
    // 2x3 image (w=3, h=2) with values 0..5 row-major in one channel.
    FloatImage src = new FloatImage(1, 2, 3, new float[] {0, 1, 2, 3, 4, 5});
    assertThat(Orientation.apply(src, 2).data()).containsExactly(2, 1, 0, 5, 4, 3);
    assertThat(Orientation.apply(src, 3).data()).containsExactly(5, 4, 3, 2, 1, 0);
    assertThat(Orientation.apply(src, 6).data()).containsExactly(3, 0, 4, 1, 5, 2);
    assertThat(Orientation.apply(src, 8).data()).containsExactly(2, 5, 1, 4, 0, 3);
  }

  @Test
  void grayscalePngBecomesThreeEqualChannels() throws Exception {
    BufferedImage gray = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSample(1, 2, 0, 51);
    FloatImage img = ImageDecoder.decode(encode(gray, "png"), "gray.png");
    assertThat(img.channels()).isEqualTo(3);
    for (int c = 0; c < 3; c++) {
      assertThat(img.get(c, 2, 1)).isCloseTo(0.2f, within(1e-6f));
      assertThat(img.get(c, 0, 0)).isZero();
    }
  }

  @Test
  void sixteenBitPngIsScaledByItsOwnMaximum() throws Exception {
    BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    deep.getRaster().setSample(0, 0, 0, 65535);
    deep.getRaster().setSample(1, 0, 0, 13107); // 0.2 * 65535
    FloatImage img = ImageDecoder.decode(encode(deep, "png"), "deep.png");
    assertThat(img.get(0, 0, 0)).isCloseTo(1f, within(1e-6f));
    assertThat(img.get(1, 0, 1)).isCloseTo(0.2f, within(1e-6f));
  }

  /** A 16x16 four-channel JPEG with every pixel set to the given raw samples, no colour model. */
  static byte[] fourChannelJpeg(int s0, int s1, int s2, int s3) throws Exception {
    BufferedImage holder = new BufferedImage(16, 16, BufferedImage.TYPE_4BYTE_ABGR);
    WritableRaster raster = holder.getRaster().createCompatibleWritableRaster();
    int[] px = new int[16 * 16 * 4];
    for (int i = 0; i < 256; i++) {
      px[4 * i] = s0;
      px[4 * i + 1] = s1;
      px[4 * i + 2] = s2;
      px[4 * i + 3] = s3;
    }
    raster.setPixels(0, 0, 16, 16, px);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(raster, null, null), null);
    }
    return bytes.toByteArray();
  }

  private static void assertRgb(FloatImage img, float r, float g, float b) {
    assertThat(img.get(0, 8, 8)).isCloseTo(r, within(0.06f));
    assertThat(img.get(1, 8, 8)).isCloseTo(g, within(0.06f));
    assertThat(img.get(2, 8, 8)).isCloseTo(b, within(0.06f));
  }

  @Test
  void plainCmykJpegIsConvertedToRgb() throws Exception {
    // Cyan ink only: C=255, M=Y=K=0 gives RGB (0, 1, 1); ImageIO writes no Adobe segment.
    byte[] jpeg = fourChannelJpeg(255, 0, 0, 0);
    assertThat(JpegMarkers.read(jpeg).adobeTransform()).isEqualTo(-1);
    assertRgb(ImageDecoder.decode(jpeg, "cmyk.jpg"), 0, 1, 1);
  }

  @Test
  void adobeCmykJpegStoresInvertedInk() throws Exception {
    // Adobe APP14 with transform 0: stored 0 means full ink. Magenta ink only -> RGB (1, 0, 1).
    byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
    byte[] jpeg = insertAfterSoi(fourChannelJpeg(255, 0, 255, 255), app14);
    assertThat(JpegMarkers.read(jpeg).adobeTransform()).isZero();
    assertRgb(ImageDecoder.decode(jpeg, "adobe.jpg"), 1, 0, 1);
  }

  @Test
  void bmpDecodes() throws Exception {
    FloatImage img = ImageDecoder.decode(encode(redLeftBlueRight(), "bmp"), "x.bmp");
    assertThat(img.get(0, 0, 0)).isEqualTo(1f);
    assertThat(img.get(2, 0, 31)).isEqualTo(1f);
  }

  @Test
  void truncatedJpegIsAnErrorNamingTheFile(@TempDir Path dir) throws Exception {
    byte[] jpeg = encode(redLeftBlueRight(), "jpg");
    Path cut = dir.resolve("cut.jpg");
    Files.write(cut, Arrays.copyOf(jpeg, jpeg.length / 2));
    assertThatThrownBy(() -> ImageDecoder.decode(cut))
        .isInstanceOf(FerException.class).hasMessageContaining("truncated").hasMessageContaining("cut.jpg");
    Path junk = dir.resolve("junk.png");
    Files.write(junk, new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> ImageDecoder.decode(junk))
        .isInstanceOf(FerException.class).hasMessageContaining("junk.png");
    assertThatThrownBy(() -> ImageDecoder.decode(dir.resolve("missing.jpg")))
        .isInstanceOf(FerException.class).hasMessageContaining("missing.jpg")
        .extracting(e -> ((FerException) e).kind()).isEqualTo(FerException.Kind.NOT_FOUND);
  }

  @Test
  void inMemoryGrayPixelsBecomeRgb() {
    ImageRef.Pixels p = new ImageRef.Pixels(2, 1, 1, new byte[] {0, (byte) 255}, "fer2013.csv:2");
    FloatImage img = ImageDecoder.decode(p);
    assertThat(img.data()).containsExactly(0, 1, 0, 1, 0, 1);
  }
}

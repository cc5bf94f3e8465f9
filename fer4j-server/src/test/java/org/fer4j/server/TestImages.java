package org.fer4j.server;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ImageDecoder;
import org.fer4j.data.transforms.JpegMarkers;
import org.fer4j.data.transforms.Orientation;
import org.fer4j.face.RgbImage;

/** Images made in the test: plain ones, a sideways phone photo, a decompression bomb header and a truncated JPEG. */
final class TestImages {
  private TestImages() {}

  /** A w x h image with a red left half and a blue right half. */
  static BufferedImage halves(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, w / 2, h);
    g.setColor(Color.BLUE);
    g.fillRect(w / 2, 0, w - w / 2, h);
    g.dispose();
    return img;
  }

  static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] png(int w, int h) {
    return encode(halves(w, h), "png");
  }

  static byte[] jpeg(int w, int h) {
    return encode(halves(w, h), "jpg");
  }

  /**
   * A photo as JPEG twice, from the same decoded pixels: {@code [0]} upright, {@code [1]} stored
   * turned counter-clockwise with EXIF Orientation 6, as a phone held upright writes it.
   */
  static byte[][] uprightAndSideways(Path photo) {
    FloatImage upright = ImageDecoder.decode(photo);
    BufferedImage stored = RgbImage.of(Orientation.apply(upright, 8)).toBufferedImage();
    return new byte[][] {encode(RgbImage.of(upright).toBufferedImage(), "jpg"),
        JpegMarkers.withOrientation(encode(stored, "jpg"), 6)};
  }

  /** The first {@code fraction} of a JPEG's bytes: a truncated file. */
  static byte[] truncatedJpeg() {
    byte[] full = jpeg(256, 256);
    return Arrays.copyOf(full, full.length / 3);
  }

  /**
   * A tiny PNG whose header declares {@code w x h} pixels (a decompression bomb header): the
   * signature, a valid IHDR chunk with its CRC, then a few bytes of an IDAT chunk.
   */
  static byte[] pngHeaderDeclaring(int w, int h) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h)
        .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x01, 0x02});
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}

package org.fer4j.data.synth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG encoding with one reusable {@link ImageWriter} per thread: looking the writer up for every
 * image (what {@code ImageIO.write} does) costs more than encoding a 112x112 image.
 */
final class JpegEncoder {
  private static final ThreadLocal<ImageWriter> WRITER =
      ThreadLocal.withInitial(() -> ImageIO.getImageWritersByFormatName("jpeg").next());

  private JpegEncoder() {}

  static byte[] encode(BufferedImage image, float quality) {
    ImageWriter writer = WRITER.get();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.reset();
    }
    return bytes.toByteArray();
  }
}

package org.fer4j.face;

import java.nio.file.Path;

/**
 * A decoder for some image files that is faster than ImageIO, found with {@link
 * java.util.ServiceLoader} (a module registers one in {@code META-INF/services}). {@link
 * RgbImage#read} asks the installed decoders first and falls back to the reference decoder
 * ({@link RgbImage#decode}), which also words the error for a broken file; so a decoder may
 * simply fail on anything unusual. A decoder returns the pixels as stored: {@link RgbImage#read}
 * applies the EXIF orientation afterwards, the same way for every decoder.
 *
 * <p>Why: ImageIO's JPEG decoder takes about 90 ms of CPU for a 2.7-megapixel photo, more than
 * the detector, landmark and expression networks together (see {@code docs/face.md}).
 */
public interface ImageDecoder {
  /** Short name, for benchmarks and logs. */
  String name();

  /**
   * Whether this decoder takes a file that starts with {@code header} (its first 16 bytes, or
   * the whole file if shorter).
   */
  boolean accepts(byte[] header);

  /**
   * Decodes {@code file} to RGB, as stored (without applying an EXIF orientation). An 8-bit
   * decoder returns {@link RgbImage#ofBytes}: a photo's pixels as floats would cost the pipeline
   * 4x the memory and a conversion of every pixel, of which the networks only see a resized part.
   *
   * @throws RuntimeException any failure; the caller then tries ImageIO
   */
  RgbImage decode(Path file);

  /**
   * Decodes {@code bytes}, the content of {@code file} already read by the caller, like {@link
   * #decode(Path)}. The default reads the file again; a decoder that can take bytes overrides it.
   *
   * @throws RuntimeException any failure; the caller then tries ImageIO
   */
  default RgbImage decode(byte[] bytes, Path file) {
    return decode(file);
  }
}

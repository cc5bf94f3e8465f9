package org.fer4j.face;

import java.nio.file.Path;

/**
 * A decoder for some image files that is faster than ImageIO, found with {@link
 * java.util.ServiceLoader} (a module registers one in {@code META-INF/services}). {@link
 * RgbImage#read} asks the installed decoders first and falls back to ImageIO, which also words
 * the error for a broken file; so a decoder may simply fail on anything unusual.
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
   * Decodes {@code file} to RGB.
   *
   * @throws RuntimeException any failure; the caller then tries ImageIO
   */
  RgbImage decode(Path file);
}

package org.fer4j.data;

import java.nio.file.Path;

/**
 * Where the pixels of one image come from: a file, or raw pixels held in memory (FER2013's CSV
 * stores 48x48 grayscale pixels as text, so its images have no file).
 */
public sealed interface ImageRef permits ImageRef.File, ImageRef.Pixels {

  /** A short description for error messages: the path, or the origin of in-memory pixels. */
  String describe();

  /** An image file on disk (JPEG, PNG, BMP). */
  record File(Path path) implements ImageRef {
    @Override
    public String describe() {
      return path.toString();
    }
  }

  /**
   * Raw 8-bit pixels, row-major, interleaved channels.
   *
   * @param width image width
   * @param height image height
   * @param channels 1 (gray) or 3 (RGB)
   * @param data width*height*channels bytes
   * @param origin where they came from, e.g. {@code fer2013.csv:1234}
   */
  record Pixels(int width, int height, int channels, byte[] data, String origin)
      implements ImageRef {
    public Pixels {
      if (data.length != width * height * channels) {
        throw new IllegalArgumentException(
            origin + ": expected " + width * height * channels + " pixel values, got " + data.length);
      }
    }

    @Override
    public String describe() {
      return origin;
    }
  }
}

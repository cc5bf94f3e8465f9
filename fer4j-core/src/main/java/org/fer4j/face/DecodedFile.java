package org.fer4j.face;

import java.nio.file.Path;

/**
 * One file of a batch after decoding: its upright image, or why it could not be decoded.
 *
 * @param file the file
 * @param image the decoded image, null when decoding failed
 * @param error null on success, else a message that names the file
 */
public record DecodedFile(Path file, RgbImage image, String error) {
  public DecodedFile {
    if ((image == null) == (error == null)) {
      throw new IllegalArgumentException("a decoded file has either an image or an error: " + file);
    }
  }

  static DecodedFile decoded(Path file, RgbImage image) {
    return new DecodedFile(file, image, null);
  }

  static DecodedFile failed(Path file, String error) {
    return new DecodedFile(file, null, error);
  }

  public boolean ok() {
    return image != null;
  }
}

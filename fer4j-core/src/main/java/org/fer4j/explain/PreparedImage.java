package org.fer4j.explain;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.FerException;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ImageDecoder;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.face.RgbImage;
import org.fer4j.data.PreprocessConfig;

/**
 * An image resized to a model's input and turned into its input tensor values by {@link
 * ModelInput}, exactly as evaluation prepares it: anti-aliased resize, then {@code (v - mean) /
 * std} per channel, in CHW order ({@link PreprocessConfig}). The resized RGB picture is kept for
 * drawing the overlay on what the model saw.
 *
 * @param source the file it came from
 * @param picture the resized image, RGB, {@code width x height} of the model input
 * @param chw the normalised input values, {@code channels * height * width}
 */
public record PreparedImage(Path source, BufferedImage picture, float[] chw) {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Reads and prepares one image file, turned upright by its EXIF orientation ({@link
   * RgbImage#read}, the decoder of every fer4j entry point).
   *
   * @throws FerException NOT_FOUND when the file is missing, BAD_INPUT when it is not a readable
   *     image
   */
  public static PreparedImage read(Path file, PreprocessConfig config) {
    if (!Files.isRegularFile(file)) {
      throw FerException.notFound(file + ": no such image file; check the path");
    }
    RgbImage decoded;
    try {
      decoded = RgbImage.read(file);
    } catch (FerException e) {
      throw FerException.badInput(file + ": not an image format Java can read, or a damaged file ("
          + e.getMessage() + "); use PNG, JPEG, BMP or GIF");
    }
    return of(file, decoded.toFloatImage(), config);
  }

  /** Prepares an image already in memory (stretched to the input size if its shape differs). */
  public static PreparedImage of(Path source, BufferedImage image, PreprocessConfig config) {
    return of(source, ImageDecoder.toFloat(image), config);
  }

  /** Prepares decoded RGB values in [0,1] with {@link ModelInput}, as evaluation does. */
  public static PreparedImage of(Path source, FloatImage rgb, PreprocessConfig config) {
    ModelInput input = ModelInput.of(config);
    FloatImage shown = input.resized(rgb);
    return new PreparedImage(source, RgbImage.of(shown).toBufferedImage(), input.normalised(shown).data());
  }
}

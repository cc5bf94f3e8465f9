package org.fer4j.explain;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.FerException;
import org.fer4j.face.RgbImage;
import org.fer4j.models.PreprocessConfig;

/**
 * An image resized to a model's input and turned into its input tensor values: pixels scaled to
 * [0,1], then {@code (v - mean) / std} per channel, in CHW order ({@link PreprocessConfig}). The
 * resized RGB picture is kept for drawing the overlay on exactly what the model saw.
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
    return of(file, decoded.toBufferedImage(), config);
  }

  /** Prepares an image already in memory (resized with bilinear filtering, stretched if needed). */
  public static PreparedImage of(Path source, BufferedImage image, PreprocessConfig config) {
    int h = config.height();
    int w = config.width();
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(image, 0, 0, w, h, null);
    g.dispose();
    return new PreparedImage(source, rgb, normalise(rgb, config));
  }

  private static float[] normalise(BufferedImage rgb, PreprocessConfig config) {
    int h = config.height();
    int w = config.width();
    int channels = config.channels();
    float[] mean = config.mean();
    float[] std = config.std();
    int[] pixels = rgb.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[channels * h * w];
    for (int p = 0; p < h * w; p++) {
      int v = pixels[p];
      float r = ((v >> 16) & 0xff) / 255f;
      float gr = ((v >> 8) & 0xff) / 255f;
      float b = (v & 0xff) / 255f;
      if (channels == 1) {
        // ITU-R BT.601 luma, as PIL's convert("L") and torchvision's Grayscale compute it.
        out[p] = ((0.299f * r + 0.587f * gr + 0.114f * b) - mean[0]) / std[0];
      } else {
        out[p] = (r - mean[0]) / std[0];
        out[h * w + p] = (gr - mean[1]) / std[1];
        out[2 * h * w + p] = (b - mean[2]) / std[2];
      }
    }
    return out;
  }
}

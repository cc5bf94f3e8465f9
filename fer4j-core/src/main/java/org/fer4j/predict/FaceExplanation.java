package org.fer4j.predict;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.fer4j.explain.CamMethod;
import org.fer4j.explain.Colormap;
import org.fer4j.explain.Panels;
import org.fer4j.face.RgbImage;

/**
 * The class activation map of one face's top expression, on the face exactly as the classifier
 * saw it (aligned crop at the network's input size).
 *
 * @param method Grad-CAM or Grad-CAM++
 * @param layer the stage explained
 * @param expression the class name explained (the face's top expression)
 * @param probability its probability
 * @param face the classifier's input picture, 0..255 RGB
 * @param map the normalised map in [0,1], row-major, {@code face.width * face.height}
 */
public record FaceExplanation(
    CamMethod method, String layer, String expression, float probability, RgbImage face, float[] map) {

  public FaceExplanation {
    if (map.length != face.width() * face.height()) {
      throw new IllegalArgumentException(
          "map has " + map.length + " values for a " + face.width() + "x" + face.height() + " face");
    }
  }

  /** The face with the heat map blended on ({@link Panels#blend}), e.g. jet at alpha 0.5. */
  public BufferedImage overlay(Colormap colormap, float alpha) {
    return Panels.blend(face.toBufferedImage(), map, colormap, alpha);
  }

  /** {@link #overlay} as PNG bytes (what the server sends as base64). */
  public byte[] overlayPng(Colormap colormap, float alpha) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(overlay(colormap, alpha), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
  }
}

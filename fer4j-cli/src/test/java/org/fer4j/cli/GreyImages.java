package org.fer4j.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** Test images for the explain commands: a grey RGB canvas with a mark drawn on it, as PNG. */
final class GreyImages {
  private GreyImages() {}

  /** Writes a {@code width x height} grey PNG at {@code file} after {@code mark} has drawn on it. */
  static Path write(Path file, int width, int height, Consumer<Graphics2D> mark) throws IOException {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, width, height);
    mark.accept(g);
    g.dispose();
    ImageIO.write(img, "png", file.toFile());
    return file;
  }
}

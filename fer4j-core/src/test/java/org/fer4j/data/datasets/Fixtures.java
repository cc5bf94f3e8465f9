package org.fer4j.data.datasets;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes data set fixtures: tiny real images (ImageIO) and annotation files. */
final class Fixtures {
  private static final byte[] JPEG = encode("jpg");
  private static final byte[] PNG = encode("png");

  private Fixtures() {}

  private static byte[] encode(String type) {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, new Color(x * 30, y * 30, 100).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, type, out)) {
        throw new IllegalStateException("no ImageIO writer for " + type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An 8x8 image at {@code root/rel}, PNG when the name ends in .png, else JPEG. */
  static Path image(Path root, String rel) {
    return bytes(root, rel, rel.toLowerCase().endsWith(".png") ? PNG : JPEG);
  }

  /** A file with the given bytes (e.g. a corrupt image). */
  static Path bytes(Path root, String rel, byte[] data) {
    Path p = root.resolve(rel);
    try {
      Files.createDirectories(p.getParent());
      Files.write(p, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** A text file made of {@code lines}, each ending in a newline. */
  static Path text(Path root, String rel, String... lines) {
    return bytes(root, rel, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static void dir(Path root, String rel) {
    try {
      Files.createDirectories(root.resolve(rel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.fer4j.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws an explanation: the input as the model saw it, the same image with the heat map blended
 * on, a colour bar, and a caption with the class, its probability, the method and the layer.
 * Plain Java2D, written as PNG with ImageIO by the caller.
 */
public final class Overlay {
  /** Side of each image panel in the figure; small model inputs are enlarged to it. */
  static final int PANEL = 256;

  static final int BAR_WIDTH = 16;
  private static final int GAP = 8;
  private static final int CAPTION = 44;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Overlay() {}

  /**
   * The heat map blended on the picture at the model input size: {@code (1 - alpha) * pixel + alpha
   * * colour(map)}.
   */
  public static BufferedImage blend(BufferedImage picture, Explanation e, Colormap colormap, float alpha) {
    int w = e.width();
    int h = e.height();
    if (picture.getWidth() != w || picture.getHeight() != h) {
      throw new IllegalArgumentException(
          "picture is " + picture.getWidth() + "x" + picture.getHeight() + " but the map is " + w + "x" + h);
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = picture.getRGB(x, y);
        int c = colormap.rgb(e.at(y, x));
        out.setRGB(x, y, mix(p >> 16, c >> 16, alpha) << 16 | mix(p >> 8, c >> 8, alpha) << 8 | mix(p, c, alpha));
      }
    }
    return out;
  }

  private static int mix(int a, int b, float alpha) {
    return Math.round((1 - alpha) * (a & 0xff) + alpha * (b & 0xff));
  }

  /**
   * The full figure: original and overlay side by side, colour bar, caption.
   *
   * @param className name of {@code e.classIndex()}
   * @param predictedName name of {@code e.predictedClass()} (shown when a class was chosen)
   */
  public static BufferedImage render(
      PreparedImage image, Explanation e, String className, String predictedName, Colormap colormap, float alpha) {
    int[] size = panelSize(e.width(), e.height(), PANEL);
    int barX = 2 * size[0] + 2 * GAP + GAP;
    int width = barX + BAR_WIDTH + 40;
    int height = GAP + size[1] + CAPTION;
    BufferedImage fig = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = graphics(fig);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.drawImage(image.picture(), GAP, GAP, size[0], size[1], null);
    g.drawImage(blend(image.picture(), e, colormap, alpha), 2 * GAP + size[0], GAP, size[0], size[1], null);
    drawColourBar(g, colormap, barX, GAP, size[1]);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(caption(e, className), GAP, GAP + size[1] + 18);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    String detail = e.method().title() + " at " + e.layer() + ", map " + e.rawHeight() + "x" + e.rawWidth()
        + " upsampled to " + e.height() + "x" + e.width();
    if (e.predictedClass() != e.classIndex()) {
      detail += "; predicted: " + predictedName;
    }
    g.drawString(detail, GAP, GAP + size[1] + 34);
    g.dispose();
    return fig;
  }

  /** "Happiness 93.1%". */
  static String caption(Explanation e, String className) {
    return String.format(Locale.ROOT, "%s %.1f%%", className, 100.0 * e.probability());
  }

  /** The panel size that fits {@code target} on the long side, keeping the aspect ratio. */
  static int[] panelSize(int w, int h, int target) {
    double scale = (double) target / Math.max(w, h);
    return new int[] {Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale))};
  }

  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    return g;
  }

  /**
   * Graphics on {@code img} painted white, with {@code title} in bold at ({@code x}, {@code
   * baseline}); left drawing in black with that font.
   */
  static Graphics2D titledCanvas(BufferedImage img, String title, int x, int baseline) {
    Graphics2D g = graphics(img);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, x, baseline);
    return g;
  }

  /** A vertical bar, 1 at the top and 0 at the bottom, with three tick labels. */
  static void drawColourBar(Graphics2D g, Colormap colormap, int x, int y, int height) {
    for (int i = 0; i < height; i++) {
      g.setColor(new Color(colormap.rgb(1.0 - (double) i / Math.max(1, height - 1))));
      g.fillRect(x, y + i, BAR_WIDTH, 1);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawRect(x, y, BAR_WIDTH, height - 1);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    FontMetrics fm = g.getFontMetrics();
    String[] labels = {"1.0", "0.5", "0.0"};
    for (int i = 0; i < 3; i++) {
      int ty = y + (int) Math.round(i * (height - 1) / 2.0);
      g.drawLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 3, ty);
      g.drawString(labels[i], x + BAR_WIDTH + 5, Math.min(y + height, Math.max(y + fm.getAscent(), ty + fm.getAscent() / 2)));
    }
  }
}

package org.fer4j.predict;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Draws faces on an image: box, 68 landmarks and the top expressions. */
public final class Annotator {
  private Annotator() {}

  /** A copy of {@code image} with every face of {@code result} drawn on it. */
  public static BufferedImage draw(BufferedImage image, ImageResult result) {
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      float scale = Math.max(1f, Math.max(image.getWidth(), image.getHeight()) / 640f);
      g.setStroke(new BasicStroke(2 * scale));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(14 * scale)));
      for (FaceResult f : result.faces()) {
        drawFace(g, f, scale);
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  private static void drawFace(Graphics2D g, FaceResult f, float scale) {
    g.setColor(new Color(0, 200, 255));
    g.drawRect(Math.round(f.box().x()), Math.round(f.box().y()), Math.round(f.box().width()), Math.round(f.box().height()));
    g.setColor(new Color(255, 220, 0));
    int r = Math.max(1, Math.round(1.5f * scale));
    float[] p = f.landmarks();
    for (int i = 0; i < p.length / 2; i++) {
      g.fillOval(Math.round(p[2 * i]) - r, Math.round(p[2 * i + 1]) - r, 2 * r, 2 * r);
    }
    String label = top(f.expressions(), 2);
    if (f.gender() != null) {
      label += String.format(Locale.ROOT, " | %s %.0f", f.gender(), f.age());
    }
    int textWidth = g.getFontMetrics().stringWidth(label);
    int x = Math.max(0, Math.min(Math.round(f.box().x()), g.getDeviceConfiguration().getBounds().width - textWidth));
    int y = Math.max(g.getFontMetrics().getAscent(), Math.round(f.box().y()) - Math.round(4 * scale));
    g.setColor(Color.BLACK);
    g.drawString(label, x + 1, y + 1);
    g.setColor(Color.WHITE);
    g.drawString(label, x, y);
  }

  /** The {@code n} most probable classes as {@code Name 87%, Other 9%}. */
  static String top(Map<String, Float> probs, int n) {
    return probs.entrySet().stream()
        .sorted(Comparator.comparing(Map.Entry<String, Float>::getValue).reversed())
        .limit(n)
        .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100 * e.getValue()))
        .collect(Collectors.joining(", "));
  }
}

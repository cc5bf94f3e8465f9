package org.fer4j.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * Draws a row-normalised confusion matrix as a heat map with class names on both axes and the
 * percentage (and count) in every cell. Plain Java2D: one image, no chart library needed.
 */
public final class ConfusionPlot {
  private static final int CELL = 64;
  private static final int MARGIN_LEFT = 110;
  private static final int MARGIN_TOP = 60;
  private static final int MARGIN_BOTTOM = 90;

  private ConfusionPlot() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** The heat map image. */
  public static BufferedImage render(ConfusionMatrix m, String title) {
    int k = m.size();
    int w = MARGIN_LEFT + k * CELL + 20;
    int h = MARGIN_TOP + k * CELL + MARGIN_BOTTOM;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, MARGIN_LEFT, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString("rows: true class, columns: predicted (row %)", MARGIN_LEFT, 42);
    double[][] r = m.rowNormalised();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        drawCell(g, i, j, r[i][j], m.count(i, j));
      }
    }
    drawLabels(g, m);
    g.dispose();
    return img;
  }

  private static void drawCell(Graphics2D g, int i, int j, double share, long count) {
    int x = MARGIN_LEFT + j * CELL;
    int y = MARGIN_TOP + i * CELL;
    g.setColor(blue(share));
    g.fillRect(x, y, CELL, CELL);
    g.setColor(new Color(220, 220, 220));
    g.setStroke(new BasicStroke(1));
    g.drawRect(x, y, CELL, CELL);
    g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
    String pct = String.format(Locale.ROOT, "%.0f%%", share * 100);
    FontMetrics fm = g.getFontMetrics();
    g.drawString(pct, x + (CELL - fm.stringWidth(pct)) / 2, y + CELL / 2);
    String n = Long.toString(count);
    g.drawString(n, x + (CELL - fm.stringWidth(n)) / 2, y + CELL / 2 + 14);
  }

  private static void drawLabels(Graphics2D g, ConfusionMatrix m) {
    g.setColor(Color.BLACK);
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < m.size(); i++) {
      String name = m.labels().nameOf(i);
      g.drawString(name, MARGIN_LEFT - fm.stringWidth(name) - 6, MARGIN_TOP + i * CELL + CELL / 2 + 4);
      Graphics2D rot = (Graphics2D) g.create();
      rot.translate(MARGIN_LEFT + i * CELL + CELL / 2 + 4, MARGIN_TOP + m.size() * CELL + 6);
      rot.rotate(Math.PI / 4);
      rot.drawString(name, 0, 0);
      rot.dispose();
    }
  }

  /** White (0) to dark blue (1). */
  static Color blue(double share) {
    double s = Math.max(0, Math.min(1, share));
    return new Color((int) (255 - 222 * s), (int) (255 - 180 * s), (int) (255 - 75 * s));
  }
}

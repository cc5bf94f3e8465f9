package org.fer4j.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The figure of the model-specific views: a grid of heat-map panels (AGLF's regions, LNLJ's
 * weight grid, FAER's attention map, GCSA's strip of frames), each with a caption, a title line,
 * optional notes under the panels and one colour bar. Plain Java2D like {@link Overlay}.
 */
public final class Panels {
  private static final int GAP = 8;
  private static final int CAPTION = 18;
  private static final int TITLE = 26;
  private static final int NOTE = 15;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Panels() {}

  /** A text drawn on a panel at picture coordinates (e.g. a region weight at its window centre). */
  public record Label(double x, double y, String text) {}

  /**
   * One panel: a picture and a heat map of the same size.
   *
   * @param picture the image the model saw, RGB
   * @param map values in [0,1], row-major, {@code picture.width * picture.height}; null draws the
   *     picture alone
   * @param caption the line under the panel
   * @param labels texts drawn over the panel
   */
  public record Panel(BufferedImage picture, float[] map, String caption, List<Label> labels) {
    public Panel {
      if (map != null && map.length != picture.getWidth() * picture.getHeight()) {
        throw new IllegalArgumentException(
            "map has " + map.length + " values for a " + picture.getWidth() + "x" + picture.getHeight() + " picture");
      }
      labels = labels == null ? List.of() : List.copyOf(labels);
    }
  }

  /** {@code (1 - alpha) * pixel + alpha * colour(map)} at the picture's size. */
  public static BufferedImage blend(BufferedImage picture, float[] map, Colormap colormap, float alpha) {
    int w = picture.getWidth();
    int h = picture.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int p = picture.getRGB(x, y);
        int c = colormap.rgb(map[y * w + x]);
        out.setRGB(x, y, mix(p >> 16, c >> 16, alpha) << 16 | mix(p >> 8, c >> 8, alpha) << 8 | mix(p, c, alpha));
      }
    }
    return out;
  }

  private static int mix(int a, int b, float alpha) {
    return Math.round((1 - alpha) * (a & 0xff) + alpha * (b & 0xff));
  }

  /**
   * Renders the figure.
   *
   * @param columns panels per row
   * @param side long side of each panel in pixels (pictures are scaled to it)
   * @param notes lines under the panels (e.g. per-frame channel attention summaries)
   */
  public static BufferedImage render(
      String title, List<Panel> panels, int columns, int side, List<String> notes, Colormap colormap, float alpha) {
    if (panels.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("a figure needs at least one panel and one column");
    }
    int cols = Math.min(columns, panels.size());
    int rows = (panels.size() + cols - 1) / cols;
    int cellW = side + GAP;
    int cellH = side + CAPTION;
    int barX = GAP + cols * cellW;
    int width = Math.max(barX + Overlay.BAR_WIDTH + 40, Math.max(360, titleWidth(title) + 2 * GAP));
    int height = TITLE + rows * cellH + notes.size() * NOTE + GAP;
    BufferedImage fig = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Overlay.titledCanvas(fig, title, GAP, 18);
    for (int i = 0; i < panels.size(); i++) {
      drawPanel(g, panels.get(i), GAP + (i % cols) * cellW, TITLE + (i / cols) * cellH, side, colormap, alpha);
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int y = TITLE + rows * cellH + 11;
    for (String note : notes) {
      g.drawString(note, GAP, y);
      y += NOTE;
    }
    Overlay.drawColourBar(g, colormap, barX, TITLE, Math.min(side, rows * cellH - CAPTION));
    g.dispose();
    return fig;
  }

  private static int titleWidth(String title) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    int w = g.getFontMetrics().stringWidth(title);
    g.dispose();
    return w;
  }

  private static void drawPanel(Graphics2D g, Panel p, int x, int y, int side, Colormap colormap, float alpha) {
    BufferedImage pic = p.picture();
    int[] size = Overlay.panelSize(pic.getWidth(), pic.getHeight(), side);
    BufferedImage shown = p.map() == null ? pic : blend(pic, p.map(), colormap, alpha);
    g.drawImage(shown, x, y, size[0], size[1], null);
    double scale = (double) size[0] / pic.getWidth();
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    FontMetrics fm = g.getFontMetrics();
    for (Label l : p.labels()) {
      int tx = x + (int) Math.round(l.x() * scale) - fm.stringWidth(l.text()) / 2;
      int ty = y + (int) Math.round(l.y() * scale) + fm.getAscent() / 2;
      g.setColor(Color.BLACK);
      g.drawString(l.text(), tx + 1, ty + 1);
      g.setColor(Color.WHITE);
      g.drawString(l.text(), tx, ty);
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(fit(g, p.caption(), side), x, y + size[1] + 13);
  }

  private static String fit(Graphics2D g, String text, int width) {
    FontMetrics fm = g.getFontMetrics();
    String t = text;
    while (t.length() > 1 && fm.stringWidth(t) > width) {
      t = t.substring(0, t.length() - 2) + "\u2026";
    }
    return t;
  }
}

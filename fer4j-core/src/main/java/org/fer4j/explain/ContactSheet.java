package org.fer4j.explain;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Many explanations on one page: a grid of overlays, each captioned with its file name, class and
 * probability, one shared colour bar and a title line.
 */
public final class ContactSheet {
  private static final int TILE = 160;
  private static final int GAP = 8;
  private static final int CAPTION = 32;
  private static final int TITLE = 28;

  private ContactSheet() {}

  /** One tile of the sheet. */
  public record Entry(PreparedImage image, Explanation explanation, String label, String className) {}

  /**
   * The sheet; about square ({@code ceil(sqrt(n))} columns).
   *
   * @param title the line at the top, e.g. model, method and layer
   */
  public static BufferedImage render(List<Entry> entries, String title, Colormap colormap, float alpha) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a contact sheet needs at least one image");
    }
    int columns = (int) Math.ceil(Math.sqrt(entries.size()));
    int rows = (entries.size() + columns - 1) / columns;
    int cellW = TILE + GAP;
    int cellH = TILE + CAPTION;
    int barX = GAP + columns * cellW;
    int width = barX + Overlay.BAR_WIDTH + 40;
    int height = TITLE + rows * cellH + GAP;
    BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = Overlay.titledCanvas(sheet, title, GAP, 19);
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      int x = GAP + (i % columns) * cellW;
      int y = TITLE + (i / columns) * cellH;
      Explanation e = entry.explanation();
      int[] size = Overlay.panelSize(e.width(), e.height(), TILE);
      g.drawImage(Overlay.blend(entry.image().picture(), e, colormap, alpha), x, y, size[0], size[1], null);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.drawString(fit(g, entry.label(), TILE), x, y + size[1] + 13);
      g.drawString(fit(g, Overlay.caption(e, entry.className()), TILE), x, y + size[1] + 26);
    }
    Overlay.drawColourBar(g, colormap, barX, TITLE, Math.min(TILE, rows * cellH - CAPTION));
    g.dispose();
    return sheet;
  }

  /** Shortens text with an ellipsis until it fits the width. */
  private static String fit(Graphics2D g, String text, int width) {
    FontMetrics fm = g.getFontMetrics();
    if (fm.stringWidth(text) <= width) {
      return text;
    }
    String t = text;
    while (t.length() > 1 && fm.stringWidth(t + "...") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "...";
  }
}

package org.fer4j.data.synth;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fer4j.data.LabelSpace;

/**
 * A grid a person can judge SynthFER by: one row per class with two identities at intensities
 * 0.25, 0.5, 0.75 and 1 (the first clean, the second with nuisances), a row of the five
 * occluders, and a row of frames from one clip with their intensities.
 */
public final class ContactSheet {
  private static final float[] INTENSITIES = {0.25f, 0.5f, 0.75f, 1f};
  private static final int LABEL_WIDTH = 74;
  private static final int HEADER = 16;

  private ContactSheet() {}

  /** Renders the sheet with square cells of {@code cell} pixels. */
  public static BufferedImage render(SynthFer synth, int cell) {
    int cols = 2 * INTENSITIES.length;
    int rows = ActionUnit.CLASSES + 2;
    BufferedImage sheet =
        new BufferedImage(LABEL_WIDTH + cols * cell, HEADER + rows * cell, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
      g.setColor(Color.DARK_GRAY);
      for (int c = 0; c < cols; c++) {
        String head = String.format(Locale.ROOT, "%s %.2f", c < 4 ? "clean" : "noisy", INTENSITIES[c % 4]);
        g.drawString(head, LABEL_WIDTH + c * cell + 4, HEADER - 4);
      }
      long seed = synth.config().seed();
      FaceSpec clean = cleanSpec(seed, 0);
      FaceSpec noisy = synth.image(1).withNuisance(Nuisance.draw(Seeds.stream(seed, 77), 1f));
      for (int label = 0; label < ActionUnit.CLASSES; label++) {
        int y = HEADER + label * cell;
        g.setColor(Color.BLACK);
        g.drawString(LabelSpace.EXPRESSION_7.nameOf(label), 4, y + cell / 2);
        for (int c = 0; c < cols; c++) {
          FaceSpec base = c < 4 ? clean : noisy;
          float intensity = label == SynthFer.NEUTRAL ? 0f : INTENSITIES[c % 4];
          draw(g, base.withExpression(label, intensity), cell, LABEL_WIDTH + c * cell, y);
        }
      }
      occlusionRow(g, synth, cell, HEADER + ActionUnit.CLASSES * cell);
      clipRow(g, synth, cell, HEADER + (ActionUnit.CLASSES + 1) * cell);
    } finally {
      g.dispose();
    }
    return sheet;
  }

  private static FaceSpec cleanSpec(long seed, int identity) {
    return new FaceSpec(
        Identity.draw(seed, identity), SynthFer.NEUTRAL, 0f, new float[ActionUnit.COUNT],
        Nuisance.none(seed), Occlusion.NONE, seed);
  }

  private static void occlusionRow(Graphics2D g, SynthFer synth, int cell, int y) {
    g.setColor(Color.BLACK);
    g.drawString("Occluded", 4, y + cell / 2);
    long seed = synth.config().seed();
    SplittableRandom r = Seeds.stream(seed, 91);
    int[] labels = {3, 0, 4, 5, 1, 2, 3, 0};
    for (int c = 0; c < 8; c++) {
      Occlusion occ = Occlusion.REAL[c % Occlusion.REAL.length];
      FaceSpec spec = cleanSpec(seed, 2 + c).withExpression(labels[c], 0.9f);
      FaceSpec occluded = new FaceSpec(spec.identity(), spec.label(), spec.intensity(), spec.auNoise(),
          Nuisance.draw(r, 0.4f), occ, r.nextLong());
      draw(g, occluded, cell, LABEL_WIDTH + c * cell, y);
      caption(g, occ.name().toLowerCase(Locale.ROOT), LABEL_WIDTH + c * cell, y + cell);
    }
  }

  private static void clipRow(Graphics2D g, SynthFer synth, int cell, int y) {
    ClipScript clip = null;
    for (int i = 0; clip == null || clip.base().label() == SynthFer.NEUTRAL; i++) {
      clip = synth.clip(i);
    }
    g.setColor(Color.BLACK);
    g.drawString("Clip:", 4, y + cell / 2 - 7);
    g.drawString(LabelSpace.EXPRESSION_7.nameOf(clip.base().label()), 4, y + cell / 2 + 7);
    for (int c = 0; c < 8; c++) {
      int t = Math.round(c * (clip.frames() - 1) / 7f);
      draw(g, clip.frame(t), cell, LABEL_WIDTH + c * cell, y);
      caption(g, String.format(Locale.ROOT, "t=%d i=%.2f", t, clip.intensities()[t]), LABEL_WIDTH + c * cell, y + cell);
    }
  }

  private static void draw(Graphics2D g, FaceSpec spec, int cell, int x, int y) {
    g.drawImage(SynthRenderer.render(spec, cell).image(), x, y, null);
  }

  private static void caption(Graphics2D g, String text, int x, int bottom) {
    g.setColor(new Color(255, 255, 255, 200));
    g.fillRect(x, bottom - 13, g.getFontMetrics().stringWidth(text) + 4, 13);
    g.setColor(Color.BLACK);
    g.drawString(text, x + 2, bottom - 3);
  }
}

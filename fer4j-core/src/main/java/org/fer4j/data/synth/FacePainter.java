package org.fer4j.data.synth;

import static org.fer4j.data.synth.Shapes.alpha;
import static org.fer4j.data.synth.Shapes.quadThrough;
import static org.fer4j.data.synth.Shapes.rgb;
import static org.fer4j.data.synth.Shapes.shade;
import static org.fer4j.data.synth.Shapes.side;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.MultipleGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;

/**
 * Paints the head and the expressive parts of a face (brows, eyes, nose, mouth, folds and
 * wrinkles) in design units; the caller's transform maps them to pixels.
 */
final class FacePainter {
  private static final float CENTRE_Y = 52f;
  private static final BasicStroke HAIRLINE = new BasicStroke(0.6f);
  private static final BasicStroke THIN = new BasicStroke(0.9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  private static final BasicStroke LID = new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);

  private FacePainter() {}

  /** The head outline (without ears) for an identity and a chin drop from the jaw. */
  static Path2D.Float headOutline(Identity id, float chinDrop) {
    float w = id.faceWidth();
    float h = id.faceHeight();
    float sq = id.jawSquareness();
    float[] rx = {0, w * 0.42f, w * 0.5f, w * 0.49f, w * (0.37f + 0.08f * sq), w * (0.15f + 0.06f * sq)};
    float[] ry = {-h / 2, -h * 0.38f, -h * 0.1f, h * 0.12f, h * 0.36f, h * 0.48f};
    int n = rx.length;
    float[] xs = new float[2 * n];
    float[] ys = new float[2 * n];
    for (int i = 0; i < n; i++) {
      float drop = i >= 4 ? chinDrop * (i == 4 ? 0.5f : 1f) : 0f;
      xs[i] = 50 + rx[i];
      ys[i] = CENTRE_Y + ry[i] + drop;
    }
    xs[n] = 50;
    ys[n] = CENTRE_Y + h / 2 + chinDrop;
    for (int i = n - 1; i >= 1; i--) {
      int j = 2 * n - i;
      float drop = i >= 4 ? chinDrop * (i == 4 ? 0.5f : 1f) : 0f;
      xs[j] = 50 - rx[i];
      ys[j] = CENTRE_Y + ry[i] + drop;
    }
    return Shapes.smoothClosed(xs, ys);
  }

  /** Ears, head with soft shading, cheeks and folds. */
  static void paintHead(Graphics2D g, Identity id, FaceGeometry geo, Shape head) {
    int skin = id.skinRgb();
    float w = id.faceWidth();
    g.setColor(rgb(shade(skin, 0.08f)));
    for (int s = -1; s <= 1; s += 2) {
      g.fill(new Ellipse2D.Float(side(s, 50 + w * 0.5f - 3.5f) - 3.5f, geo.eyeY() - 3, 7, 13));
    }
    g.setColor(rgb(skin));
    g.fill(head);
    float r = Math.max(w, id.faceHeight()) * 0.62f;
    g.setPaint(
        new RadialGradientPaint(
            new Point2D.Float(50, CENTRE_Y - 6), r, new float[] {0.6f, 1f},
            new Color[] {Shapes.rgba(skin, 0f), Shapes.rgba(shade(skin, 0.4f), 0.45f)},
            MultipleGradientPaint.CycleMethod.NO_CYCLE));
    g.fill(head);
    paintCheeksAndFolds(g, id, geo);
  }

  private static void paintCheeksAndFolds(Graphics2D g, Identity id, FaceGeometry geo) {
    int skin = id.skinRgb();
    float cheekAlpha = (id.extras().rosyCheeks() ? 0.28f : 0.06f) + 0.22f * geo.cheekRaise();
    float cheekY = geo.eyeY() + 10 - 2.5f * geo.cheekRaise();
    g.setColor(Shapes.rgba(0xD8505A, cheekAlpha));
    for (int s = -1; s <= 1; s += 2) {
      g.fill(new Ellipse2D.Float(side(s, 50 + id.eyeSpacing() + 1.5f) - 6, cheekY - 4, 12, 8));
    }
    float fold = geo.nasolabial();
    if (fold > 0.05f) {
      g.setStroke(new BasicStroke(0.9f + 0.6f * fold, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      g.setColor(Shapes.rgba(shade(skin, 0.45f), Math.min(0.85f, 0.15f + 0.7f * fold)));
      for (int s = -1; s <= 1; s += 2) {
        Path2D.Float p = new Path2D.Float();
        float x0 = side(s, 50 + geo.nostrilHalfWidth() + 1.2f);
        float y0 = geo.noseTipY() - 1.5f;
        float x1 = side(s, 50 + geo.mouthHalfWidth() + 2.2f);
        float y1 = geo.mouthY() + geo.cornerDrop() * 0.5f + 2.5f;
        p.moveTo(x0, y0);
        quadThrough(p, x0, y0, side(s, 50 + geo.mouthHalfWidth() + 3.2f), (y0 + y1) / 2, x1, y1);
        g.draw(p);
      }
    }
    alpha(g, 1f);
  }

  /** Brows, eyes, nose, mouth and wrinkles. */
  static void paintFeatures(Graphics2D g, Identity id, FaceGeometry geo) {
    paintWrinkles(g, id, geo);
    for (int s = -1; s <= 1; s += 2) {
      paintEye(g, id, geo, s);
      paintBrow(g, id, geo, s);
    }
    paintNose(g, id, geo);
    paintMouth(g, id, geo);
  }

  private static void paintWrinkles(Graphics2D g, Identity id, FaceGeometry geo) {
    int line = shade(id.skinRgb(), 0.4f);
    g.setStroke(THIN);
    if (geo.foreheadWrinkles() > 0.05f) {
      g.setColor(Shapes.rgba(line, Math.min(0.8f, geo.foreheadWrinkles() * 0.75f)));
      float top = Math.min(geo.browInnerY(), geo.browOuterY()) - 3.5f;
      for (int k = 0; k < 3; k++) {
        float y = top - 3.2f * k;
        Path2D.Float p = new Path2D.Float();
        p.moveTo(39, y + 1);
        quadThrough(p, 39, y + 1, 50, y - 0.8f, 61, y + 1);
        g.draw(p);
      }
    }
    if (geo.glabellaLines() > 0.05f) {
      g.setColor(Shapes.rgba(line, Math.min(0.9f, geo.glabellaLines() * 0.9f)));
      float y0 = geo.browInnerY() - 1.5f;
      for (int s = -1; s <= 1; s += 2) {
        g.draw(new Line2D.Float(side(s, 51.3f), y0, side(s, 50.8f), y0 + 5f));
      }
    }
  }

  private static void paintEye(Graphics2D g, Identity id, FaceGeometry geo, int s) {
    float cx = side(s, 50 + id.eyeSpacing());
    float cy = geo.eyeY();
    float hw = geo.eyeHalfWidth();
    float inner = side(s, 50 + id.eyeSpacing() - hw);
    float outer = side(s, 50 + id.eyeSpacing() + hw);
    Path2D.Float eye = new Path2D.Float();
    eye.moveTo(inner, cy);
    quadThrough(eye, inner, cy, cx, cy - geo.upperLid(), outer, cy - 0.5f);
    quadThrough(eye, outer, cy - 0.5f, cx, cy + geo.lowerLid(), inner, cy);
    eye.closePath();
    g.setColor(rgb(0xF4F1EC));
    g.fill(eye);
    Shape oldClip = g.getClip();
    g.clip(eye);
    float ir = 2.9f;
    g.setColor(rgb(id.irisRgb()));
    g.fill(new Ellipse2D.Float(cx - ir, cy - ir + 0.2f, 2 * ir, 2 * ir));
    g.setColor(rgb(0x0E0A08));
    g.fill(new Ellipse2D.Float(cx - 1.3f, cy - 1.1f, 2.6f, 2.6f));
    g.setColor(Color.WHITE);
    g.fill(new Ellipse2D.Float(cx + 0.5f, cy - 1.6f, 1.0f, 1.0f));
    g.setClip(oldClip);
    g.setColor(rgb(0x241612));
    g.setStroke(LID);
    Path2D.Float lid = new Path2D.Float();
    lid.moveTo(inner, cy);
    quadThrough(lid, inner, cy, cx, cy - geo.upperLid(), outer, cy - 0.5f);
    g.draw(lid);
    g.setStroke(HAIRLINE);
    g.setColor(rgb(shade(id.skinRgb(), 0.45f)));
    Path2D.Float crease = new Path2D.Float();
    crease.moveTo(inner, cy - 1.2f);
    quadThrough(crease, inner, cy - 1.2f, cx, cy - geo.upperLid() - 2.2f, outer, cy - 1.5f);
    g.draw(crease);
    if (geo.cheekRaise() > 0.3f) {
      alpha(g, Math.min(1f, geo.cheekRaise()));
      for (int k = -1; k <= 1; k++) {
        float ox = side(s, 50 + id.eyeSpacing() + hw + 1.2f);
        g.draw(new Line2D.Float(ox, cy + k * 1.3f, side(s, 50 + id.eyeSpacing() + hw + 3.2f), cy + k * 2.2f));
      }
      alpha(g, 1f);
    }
  }

  private static void paintBrow(Graphics2D g, Identity id, FaceGeometry geo, int s) {
    float ix = side(s, geo.browInnerX());
    float ox = side(s, geo.browOuterX());
    float mx = (ix + ox) / 2;
    float my = Math.min(geo.browInnerY(), geo.browOuterY()) - geo.browArch() * 0.5f;
    int colour = Identity.blend(id.hair().colour().rgb, 0x1A1410, 0.55f);
    Path2D.Float brow = new Path2D.Float();
    brow.moveTo(ix, geo.browInnerY());
    quadThrough(brow, ix, geo.browInnerY(), mx, my, ox, geo.browOuterY());
    g.setColor(rgb(colour));
    g.setStroke(new BasicStroke(id.browThickness(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(brow);
  }

  private static void paintNose(Graphics2D g, Identity id, FaceGeometry geo) {
    int line = shade(id.skinRgb(), 0.38f);
    float tip = geo.noseTipY();
    float nw = geo.nostrilHalfWidth();
    g.setStroke(THIN);
    g.setColor(Shapes.rgba(line, 0.55f));
    for (int s = -1; s <= 1; s += 2) {
      Path2D.Float bridge = new Path2D.Float();
      float x0 = side(s, 52.3f);
      bridge.moveTo(x0, geo.eyeY() + 1);
      quadThrough(bridge, x0, geo.eyeY() + 1, side(s, 52.8f), tip - 5, side(s, 50 + nw * 0.75f), tip - 1.5f);
      g.draw(bridge);
      Path2D.Float wing = new Path2D.Float();
      float wx = side(s, 50 + nw);
      wing.moveTo(side(s, 50 + nw * 0.6f), tip - 2.5f);
      quadThrough(wing, side(s, 50 + nw * 0.6f), tip - 2.5f, wx, tip - 0.8f, side(s, 50 + nw * 0.55f), tip + 0.8f);
      g.draw(wing);
    }
    g.setColor(rgb(shade(id.skinRgb(), 0.6f)));
    for (int s = -1; s <= 1; s += 2) {
      g.fill(new Ellipse2D.Float(side(s, 50 + nw * 0.42f) - 1.2f, tip - 0.3f, 2.4f, 1.3f));
    }
    if (geo.noseWrinkles() > 0.05f) {
      g.setColor(Shapes.rgba(line, Math.min(0.9f, geo.noseWrinkles())));
      for (int k = 0; k < 3; k++) {
        float y = geo.eyeY() + 1.5f + 1.6f * k;
        g.draw(new Line2D.Float(47.5f, y + 0.4f, 52.5f, y + 0.4f));
      }
    }
  }

  private static void paintMouth(Graphics2D g, Identity id, FaceGeometry geo) {
    float my = geo.mouthY();
    float hw = geo.mouthHalfWidth();
    float lx = 50 - hw;
    float rx = 50 + hw;
    float cy = my + geo.cornerDrop();
    float topInner = my - geo.upperLipRaise() - geo.mouthOpening() * 0.35f;
    float botInner = my + geo.mouthOpening() * 0.65f;
    float topOuter = topInner - geo.upperLipThickness();
    float botOuter = botInner + geo.lowerLipThickness();
    int lip = id.lipRgb();
    Path2D.Float upper = new Path2D.Float();
    upper.moveTo(lx, cy);
    quadThrough(upper, lx, cy, 50, topOuter, rx, cy);
    quadThrough(upper, rx, cy, 50, topInner, lx, cy);
    Path2D.Float lower = new Path2D.Float();
    lower.moveTo(lx, cy);
    quadThrough(lower, lx, cy, 50, botInner, rx, cy);
    quadThrough(lower, rx, cy, 50, botOuter, lx, cy);
    if (geo.mouthOpening() > 0.3f) {
      Path2D.Float inside = new Path2D.Float();
      inside.moveTo(lx, cy);
      quadThrough(inside, lx, cy, 50, topInner, rx, cy);
      quadThrough(inside, rx, cy, 50, botInner, lx, cy);
      g.setColor(rgb(0x3A1216));
      g.fill(inside);
      Shape old = g.getClip();
      g.clip(inside);
      g.setColor(rgb(0xF2EEE6));
      float teeth = Math.min(3.2f, 0.6f + geo.mouthOpening() * 0.4f);
      g.fill(new Rectangle2D.Float(lx, topInner - 2, 2 * hw, teeth + 2));
      g.setClip(old);
    }
    g.setColor(rgb(lip));
    g.fill(upper);
    g.setColor(rgb(shade(lip, -0.06f)));
    g.fill(lower);
    g.setColor(rgb(shade(lip, 0.45f)));
    g.setStroke(THIN);
    Path2D.Float line = new Path2D.Float();
    line.moveTo(lx - 0.4f, cy);
    quadThrough(line, lx - 0.4f, cy, 50, topInner, rx + 0.4f, cy);
    g.draw(line);
  }
}

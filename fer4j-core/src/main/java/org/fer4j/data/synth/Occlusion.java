package org.fer4j.data.synth;

import static org.fer4j.data.synth.Shapes.rgb;
import static org.fer4j.data.synth.Shapes.shade;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.SplittableRandom;

/**
 * Real-world occluders for the FED-RO-like test split (Li et al., "Occlusion Aware Facial
 * Expression Recognition Using CNN With Attention Mechanism", IEEE TIP 2019, which collected
 * FED-RO with sunglasses, hands, masks, hair and other objects in front of faces).
 */
public enum Occlusion {
  NONE,
  SUNGLASSES,
  HAND,
  MASK,
  HAIR,
  PATCH;

  /** The occluders that actually cover something. */
  static final Occlusion[] REAL = {SUNGLASSES, HAND, MASK, HAIR, PATCH};

  /**
   * Paints this occluder over the face and returns the region it covers in design units (the
   * caller maps it through the face transform).
   */
  Rectangle2D paint(Graphics2D g, Identity id, FaceGeometry geo, SplittableRandom r) {
    return switch (this) {
      case NONE -> new Rectangle2D.Float();
      case SUNGLASSES -> {
        Accessories.paintGlasses(g, id, geo, 0x0C0C10, 0.95f);
        // Lenses plus the temple arms that run to the sides of the head.
        float half = Math.max(id.eyeSpacing() + (id.eyeWidth() + 4.5f) / 2, id.faceWidth() * 0.5f) + 1;
        yield new Rectangle2D.Float(50 - half, geo.eyeY() - 5.5f, 2 * half, 10f);
      }
      case HAND -> paintHand(g, geo, r);
      case MASK -> paintMask(g, id, geo, r);
      case HAIR -> paintStrand(g, id, geo, r);
      case PATCH -> paintPatch(g, r);
    };
  }

  private static Rectangle2D paintHand(Graphics2D g, FaceGeometry geo, SplittableRandom r) {
    int skin = Identity.jitterRgb(0xD9A47E, r, 35);
    int where = r.nextInt(3);
    float cx = where == 0 ? 50 : (where == 1 ? 50 + (r.nextBoolean() ? 13 : -13) : 50 + (r.nextBoolean() ? 16 : -16));
    float cy = where == 0 ? geo.mouthY() : (where == 1 ? geo.eyeY() + 1 : geo.mouthY() - 6);
    Path2D.Float hand = new Path2D.Float(Path2D.WIND_NON_ZERO);
    hand.append(new RoundRectangle2D.Float(-11, -6, 22, 16, 9, 9), false);
    for (int k = 0; k < 4; k++) {
      float fx = -10.5f + k * 5.4f;
      hand.append(new RoundRectangle2D.Float(fx, -19 + Math.abs(k - 1.5f) * 1.6f, 5f, 17, 5, 5), false);
    }
    AffineTransform at = AffineTransform.getTranslateInstance(cx, cy);
    at.rotate(Math.toRadians(Seeds.uniform(r, -35, 35)));
    java.awt.Shape placed = at.createTransformedShape(hand);
    g.setColor(rgb(skin));
    g.fill(placed);
    g.setColor(rgb(shade(skin, 0.3f)));
    g.setStroke(new BasicStroke(0.7f));
    g.draw(placed);
    return placed.getBounds2D();
  }

  private static Rectangle2D paintMask(Graphics2D g, Identity id, FaceGeometry geo, SplittableRandom r) {
    int colour = r.nextBoolean() ? 0xA9CBE6 : Identity.jitterRgb(0xEDEDED, r, 15);
    float w = id.faceWidth();
    float top = geo.eyeY() + 6.5f;
    float bottom = 52 + id.faceHeight() / 2 + geo.chinDrop() + 1;
    Path2D.Float m = new Path2D.Float();
    m.moveTo(50 - w * 0.5f, top + 3);
    m.quadTo(50, top - 3, 50 + w * 0.5f, top + 3);
    m.lineTo(50 + w * 0.4f, bottom - 9);
    m.quadTo(50, bottom + 2, 50 - w * 0.4f, bottom - 9);
    m.closePath();
    g.setColor(rgb(colour));
    g.fill(m);
    g.setColor(rgb(shade(colour, 0.22f)));
    g.setStroke(new BasicStroke(0.7f));
    for (int k = 1; k <= 3; k++) {
      float y = top + k * (bottom - top) / 4.5f;
      g.draw(new Line2D.Float(50 - w * 0.38f, y, 50 + w * 0.38f, y));
    }
    g.draw(new Line2D.Float(50 - w * 0.5f, top + 3, 50 - w * 0.55f, geo.eyeY()));
    g.draw(new Line2D.Float(50 + w * 0.5f, top + 3, 50 + w * 0.55f, geo.eyeY()));
    Rectangle2D covered = m.getBounds2D();
    covered.add(new Rectangle2D.Float(50 - w * 0.55f - 1, geo.eyeY() - 1, w * 1.1f + 2, 1));
    return covered;
  }

  private static Rectangle2D paintStrand(Graphics2D g, Identity id, FaceGeometry geo, SplittableRandom r) {
    int s = r.nextBoolean() ? 1 : -1;
    float ex = 50 + s * id.eyeSpacing();
    float top = 52 - id.faceHeight() / 2;
    float[] xs = {ex - 10 * s, ex + 9 * s, ex + 7 * s, ex + 2 * s, ex - 8 * s, ex - 13 * s};
    float[] ys = {top, top + 4, geo.eyeY() + 6, geo.mouthY() + 4, geo.eyeY() + 8, top + 10};
    Path2D.Float strand = Shapes.smoothClosed(xs, ys);
    int colour = id.hair().colour().rgb;
    g.setColor(rgb(shade(colour, 0.05f)));
    g.fill(strand);
    g.setColor(rgb(shade(colour, 0.3f)));
    g.setStroke(new BasicStroke(0.5f));
    for (int k = 0; k < 4; k++) {
      float x = ex - 5 * s + k * 3 * s;
      g.draw(new Line2D.Float(x, top + 4, x + s * 1.5f, geo.eyeY() + 4 + k * 2));
    }
    return strand.getBounds2D();
  }

  private static Rectangle2D paintPatch(Graphics2D g, SplittableRandom r) {
    float w = Seeds.uniform(r, 22, 36);
    float h = Seeds.uniform(r, 22, 36);
    float x = Seeds.uniform(r, 26, 74) - w / 2;
    float y = Seeds.uniform(r, 34, 74) - h / 2;
    int colour = Identity.jitterRgb(0x808080, r, 110);
    Rectangle2D.Float rect = new Rectangle2D.Float(x, y, w, h);
    g.setColor(rgb(colour));
    g.fill(rect);
    g.setColor(rgb(shade(colour, 0.35f)));
    g.setStroke(new BasicStroke(1.2f));
    for (float k = 3; k < w; k += 5) {
      g.draw(new Line2D.Float(x + k, y, x + k, y + h));
    }
    return rect;
  }
}

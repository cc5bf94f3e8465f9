package org.fer4j.data.synth;

import static org.fer4j.data.synth.Shapes.quadThrough;
import static org.fer4j.data.synth.Shapes.rgb;
import static org.fer4j.data.synth.Shapes.shade;
import static org.fer4j.data.synth.Shapes.side;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Paints what an identity wears or grows: clothes, hair (behind and in front of the face), facial
 * hair, hat, glasses and jewellery. Each drives a CelebA attribute (see {@link Attributes}).
 */
final class Accessories {
  private static final float CENTRE_Y = 52f;

  private Accessories() {}

  /** Long hair behind the head, neck, shoulders, necktie and necklace. */
  static void paintBehind(Graphics2D g, Identity id, FaceGeometry geo) {
    float w = id.faceWidth();
    float h = id.faceHeight();
    Identity.Hair hair = id.hair();
    if (hair.longHair()) {
      float top = CENTRE_Y - h / 2 - 4;
      float[] xs = {50, 50 + w * 0.62f, 50 + w * 0.68f, 50 + w * 0.6f, 50 - w * 0.6f, 50 - w * 0.68f, 50 - w * 0.62f};
      float[] ys = {top, top + 12, CENTRE_Y + 18, 104, 104, CENTRE_Y + 18, top + 12};
      g.setColor(rgb(shade(hair.colour().rgb, 0.12f)));
      g.fill(Shapes.smoothClosed(xs, ys));
    }
    float chin = CENTRE_Y + h / 2 + geo.chinDrop();
    g.setColor(rgb(shade(id.skinRgb(), 0.18f)));
    g.fill(new RoundRectangle2D.Float(50 - w * 0.21f, chin - 14, w * 0.42f, 30, 6, 6));
    g.setColor(rgb(id.extras().shirtRgb()));
    g.fill(new Ellipse2D.Float(50 - 58, chin + 6, 116, 50));
    if (id.extras().necktie()) {
      Path2D.Float tie = new Path2D.Float();
      tie.moveTo(50, chin + 6);
      tie.lineTo(53, chin + 10);
      tie.lineTo(51.5f, chin + 24);
      tie.lineTo(48.5f, chin + 24);
      tie.lineTo(47, chin + 10);
      tie.closePath();
      g.setColor(rgb(0x8A1E2A));
      g.fill(tie);
    }
    if (id.extras().necklace()) {
      g.setColor(rgb(0xE8D9A0));
      for (int k = -5; k <= 5; k++) {
        float x = 50 + k * 1.8f;
        g.fill(new Ellipse2D.Float(x - 0.8f, chin + 3 + 0.12f * k * k, 1.6f, 1.6f));
      }
    }
  }

  /** Facial hair, front hair or fringe, hat, glasses and earrings, over the painted face. */
  static void paintFront(Graphics2D g, Identity id, FaceGeometry geo, Shape head) {
    paintFacialHair(g, id, geo, head);
    if (id.extras().earrings()) {
      g.setColor(rgb(0xE2C25A));
      for (int s = -1; s <= 1; s += 2) {
        g.fill(new Ellipse2D.Float(side(s, 50 + id.faceWidth() * 0.5f - 2.2f) - 1.2f, geo.eyeY() + 9.5f, 2.4f, 2.4f));
      }
    }
    if (!id.hair().bald()) {
      g.setColor(rgb(id.hair().colour().rgb));
      g.fill(hairCap(id, geo));
    }
    if (id.extras().hat()) {
      paintHat(g, id);
    }
    if (id.extras().eyeglasses()) {
      paintGlasses(g, id, geo, 0x1C1C22, 0.12f);
    }
  }

  private static Shape hairCap(Identity id, FaceGeometry geo) {
    float w = id.faceWidth();
    float h = id.faceHeight();
    float top = CENTRE_Y - h / 2 - (id.hair().wavy() ? 5 : 3.5f);
    float temple = CENTRE_Y - h * 0.02f;
    // The fringe follows the neutral brow line, so raising the brows does not move the hair.
    float browTop = FaceGeometry.EYE_LINE - id.browGap() - 2.5f - 2.4f * id.browArch();
    float hairline = id.hair().bangs() ? browTop - 3f : CENTRE_Y - h / 2 + 10;
    Path2D.Float p = new Path2D.Float();
    float lx = 50 - w * 0.53f;
    float rx = 50 + w * 0.53f;
    p.moveTo(lx, temple);
    p.curveTo(lx - 2, top + 8, 50 - w * 0.35f, top, 50, top);
    p.curveTo(50 + w * 0.35f, top, rx + 2, top + 8, rx, temple);
    p.lineTo(rx - 3.5f, temple);
    if (id.hair().bangs()) {
      int teeth = 7;
      float span = (rx - 3.5f) - (lx + 3.5f);
      for (int k = 1; k <= teeth; k++) {
        float x = rx - 3.5f - span * k / teeth;
        float xm = x + span / (2f * teeth);
        p.lineTo(xm, hairline + 1.8f);
        p.lineTo(x, hairline - 1.5f);
      }
    } else {
      float y0 = temple;
      quadThrough(p, rx - 3.5f, y0, 50, hairline, lx + 3.5f, y0);
    }
    p.closePath();
    return p;
  }

  private static void paintHat(Graphics2D g, Identity id) {
    float w = id.faceWidth();
    float top = CENTRE_Y - id.faceHeight() / 2;
    int colour = id.extras().hatRgb();
    g.setColor(rgb(colour));
    Path2D.Float crown = new Path2D.Float();
    crown.moveTo(50 - w * 0.5f, top + 13);
    crown.curveTo(50 - w * 0.5f, top - 8, 50 + w * 0.5f, top - 8, 50 + w * 0.5f, top + 13);
    crown.closePath();
    g.fill(crown);
    g.setColor(rgb(shade(colour, 0.3f)));
    g.fill(new RoundRectangle2D.Float(50 - w * 0.62f, top + 10, w * 1.24f, 5, 4, 4));
  }

  /** Glasses frames; a dark lens colour and high opacity make sunglasses (an occlusion). */
  static void paintGlasses(Graphics2D g, Identity id, FaceGeometry geo, int lensRgb, float lensAlpha) {
    float lw = id.eyeWidth() + 4.5f;
    float lh = 8.5f;
    g.setStroke(new BasicStroke(1.1f));
    for (int s = -1; s <= 1; s += 2) {
      float cx = side(s, 50 + id.eyeSpacing());
      RoundRectangle2D.Float lens = new RoundRectangle2D.Float(cx - lw / 2, geo.eyeY() - lh / 2, lw, lh, 4, 4);
      g.setColor(Shapes.rgba(lensRgb, lensAlpha));
      g.fill(lens);
      g.setColor(rgb(0x1A1A1E));
      g.draw(lens);
      float outer = side(s, 50 + id.eyeSpacing() + lw / 2);
      g.draw(new Line2D.Float(outer, geo.eyeY() - 1.5f, side(s, 50 + id.faceWidth() * 0.5f), geo.eyeY() - 2.5f));
    }
    float inner = id.eyeSpacing() - lw / 2;
    g.draw(new Line2D.Float(50 - inner, geo.eyeY() - 1, 50 + inner, geo.eyeY() - 1));
  }

  private static void paintFacialHair(Graphics2D g, Identity id, FaceGeometry geo, Shape head) {
    Identity.Extras x = id.extras();
    int hair = id.hair().colour().rgb;
    float mouthTop = geo.mouthY() - geo.upperLipRaise() - geo.mouthOpening() * 0.35f - geo.upperLipThickness();
    float mouthBottom = geo.mouthY() + geo.mouthOpening() * 0.65f + geo.lowerLipThickness();
    if (x.beard() || x.stubble()) {
      Shape old = g.getClip();
      g.clip(head);
      Path2D.Float beard = new Path2D.Float(Path2D.WIND_EVEN_ODD);
      float eye = geo.eyeY();
      float nose = geo.noseTipY() + 2;
      beard.moveTo(0, eye + 10);
      beard.lineTo(34, eye + 14);
      beard.lineTo(41, nose);
      beard.lineTo(59, nose);
      beard.lineTo(66, eye + 14);
      beard.lineTo(100, eye + 10);
      beard.lineTo(100, 110);
      beard.lineTo(0, 110);
      beard.closePath();
      float hw = geo.mouthHalfWidth() + 1.5f;
      beard.append(new Ellipse2D.Float(50 - hw, mouthTop - 0.5f, 2 * hw, mouthBottom - mouthTop + 1), false);
      g.setColor(x.beard() ? rgb(shade(hair, 0.05f)) : Shapes.rgba(shade(hair, 0.2f), 0.22f));
      g.fill(beard);
      g.setClip(old);
    }
    if (x.mustache() || x.beard()) {
      float hw = geo.mouthHalfWidth() + 1.2f;
      float cy = geo.mouthY() + geo.cornerDrop() * 0.6f;
      Path2D.Float m = new Path2D.Float();
      m.moveTo(50 - hw, cy + 0.5f);
      quadThrough(m, 50 - hw, cy + 0.5f, 50, mouthTop - 0.3f, 50 + hw, cy + 0.5f);
      quadThrough(m, 50 + hw, cy + 0.5f, 50, mouthTop - 3.6f, 50 - hw, cy + 0.5f);
      g.setColor(rgb(shade(hair, 0.08f)));
      g.fill(m);
    }
    if (x.goatee()) {
      g.setColor(rgb(shade(hair, 0.08f)));
      g.fill(new Ellipse2D.Float(46, mouthBottom + 1.2f, 8, 6));
    }
  }
}

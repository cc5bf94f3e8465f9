package org.fer4j.data.synth;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;

/** Small geometry and colour helpers shared by the painters. */
final class Shapes {
  private Shapes() {}

  /**
   * A closed smooth curve through the points (a uniform Catmull-Rom spline converted to cubic
   * Bezier segments), used for head, hair and hand outlines.
   */
  static Path2D.Float smoothClosed(float[] xs, float[] ys) {
    int n = xs.length;
    Path2D.Float p = new Path2D.Float();
    p.moveTo(xs[0], ys[0]);
    for (int i = 0; i < n; i++) {
      int i0 = (i - 1 + n) % n;
      int i2 = (i + 1) % n;
      int i3 = (i + 2) % n;
      float c1x = xs[i] + (xs[i2] - xs[i0]) / 6f;
      float c1y = ys[i] + (ys[i2] - ys[i0]) / 6f;
      float c2x = xs[i2] - (xs[i3] - xs[i]) / 6f;
      float c2y = ys[i2] - (ys[i3] - ys[i]) / 6f;
      p.curveTo(c1x, c1y, c2x, c2y, xs[i2], ys[i2]);
    }
    p.closePath();
    return p;
  }

  /** Appends a quadratic curve from the current point that passes through (xm, ym) halfway. */
  static void quadThrough(Path2D.Float p, float x0, float y0, float xm, float ym, float x1, float y1) {
    p.quadTo(2 * xm - (x0 + x1) / 2, 2 * ym - (y0 + y1) / 2, x1, y1);
  }

  /** Mirrors an x coordinate about the face's vertical axis (x = 50) when side is -1. */
  static float side(int side, float x) {
    return 50 + side * (x - 50);
  }

  static Color rgb(int rgb) {
    return new Color(rgb);
  }

  /** The colour with an alpha in [0,1]. */
  static Color rgba(int rgb, float alpha) {
    int a = Math.max(0, Math.min(255, Math.round(alpha * 255)));
    return new Color((a << 24) | (rgb & 0xFFFFFF), true);
  }

  /** Darkens (t > 0) toward black or lightens (t < 0) toward white. */
  static int shade(int rgb, float t) {
    return t >= 0 ? Identity.blend(rgb, 0x000000, t) : Identity.blend(rgb, 0xFFFFFF, -t);
  }

  /** Sets a translucent paint for the next fill or stroke; alpha 1 restores opaque painting. */
  static void alpha(Graphics2D g, float alpha) {
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, Math.max(0f, Math.min(1f, alpha))));
  }
}

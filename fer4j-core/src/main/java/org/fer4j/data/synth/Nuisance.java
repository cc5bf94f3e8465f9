package org.fer4j.data.synth;

import static org.fer4j.data.synth.Shapes.rgb;

import java.awt.BasicStroke;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.SplittableRandom;

/**
 * The nuisance factors of one image: pose-like geometry (rotation, scale, shift), photometric
 * changes (lighting gradient, colour cast), sensor effects (noise, blur) and background clutter.
 *
 * @param rotationDeg in-plane rotation of the face in degrees
 * @param scale face scale factor around the canvas centre
 * @param shiftX horizontal shift in design units
 * @param shiftY vertical shift in design units
 * @param lightAngle direction of the lighting gradient in radians
 * @param lightStrength gradient amplitude; 0.3 means +-30 % brightness across the image
 * @param castRgb per-channel gains of the colour cast (red, green, blue)
 * @param noiseSigma noise amplitude in 8-bit levels
 * @param blurRadius box blur radius in pixels (0 = none)
 * @param clutter number of background shapes
 * @param backgroundRgb base background colour
 * @param textureSeed seed of the background and noise patterns
 */
public record Nuisance(
    float rotationDeg,
    float scale,
    float shiftX,
    float shiftY,
    float lightAngle,
    float lightStrength,
    float[] castRgb,
    float noiseSigma,
    int blurRadius,
    int clutter,
    int backgroundRgb,
    long textureSeed) {

  /** No nuisance at all: a centred, clean face on a plain background. */
  public static Nuisance none(long textureSeed) {
    return new Nuisance(0, 1, 0, 0, 0, 0, new float[] {1, 1, 1}, 0, 0, 0, 0xC8CCD0, textureSeed);
  }

  /**
   * Draws nuisances; {@code level} in [0,1] scales every range (0 gives {@link #none}), so that
   * tests and contact sheets can switch them off and the default data can use 1.
   */
  public static Nuisance draw(SplittableRandom r, float level) {
    float rot = Seeds.uniform(r, -12, 12) * level;
    float scale = 1 + Seeds.uniform(r, -0.09, 0.09) * level;
    float sx = Seeds.uniform(r, -5, 5) * level;
    float sy = Seeds.uniform(r, -5, 5) * level;
    float angle = Seeds.uniform(r, 0, 2 * Math.PI);
    float light = Seeds.uniform(r, 0, 0.4) * level;
    float[] cast = {
      1 + Seeds.uniform(r, -0.12, 0.12) * level,
      1 + Seeds.uniform(r, -0.12, 0.12) * level,
      1 + Seeds.uniform(r, -0.12, 0.12) * level
    };
    float noise = Seeds.uniform(r, 0, 9) * level;
    double u = r.nextDouble();
    int blur = level <= 0 ? 0 : (u < 0.65 ? 0 : (u < 0.92 ? 1 : 2));
    int clutter = Math.round(r.nextInt(0, 9) * level);
    int background = Identity.jitterRgb(0x8A8F96, r, 70);
    return new Nuisance(rot, scale, sx, sy, angle, light, cast, noise, blur, clutter, background, r.nextLong());
  }

  /** Fills the whole canvas (pixel units) with a background gradient and clutter shapes. */
  void paintBackground(Graphics2D g, int size) {
    SplittableRandom r = new SplittableRandom(textureSeed);
    int other = Identity.jitterRgb(backgroundRgb, r, 40);
    g.setPaint(new GradientPaint(0, 0, rgb(backgroundRgb), size, size, rgb(other)));
    g.fill(new Rectangle2D.Float(0, 0, size, size));
    float unit = size / 100f;
    for (int k = 0; k < clutter; k++) {
      g.setColor(rgb(Identity.jitterRgb(backgroundRgb, r, 90)));
      float x = Seeds.uniform(r, -10, 100) * unit;
      float y = Seeds.uniform(r, -10, 100) * unit;
      float w = Seeds.uniform(r, 6, 40) * unit;
      float h = Seeds.uniform(r, 6, 40) * unit;
      switch (r.nextInt(3)) {
        case 0 -> g.fill(new Rectangle2D.Float(x, y, w, h));
        case 1 -> g.fill(new Ellipse2D.Float(x, y, w, h));
        default -> {
          g.setStroke(new BasicStroke(Seeds.uniform(r, 1, 3) * unit));
          g.draw(new Line2D.Float(x, y, x + w, y + h));
        }
      }
    }
  }

  @Override
  public float[] castRgb() {
    return castRgb.clone();
  }
}

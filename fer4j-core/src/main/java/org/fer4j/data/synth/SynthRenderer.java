package org.fer4j.data.synth;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Renders a {@link FaceSpec} into a square RGB image with Java2D: background, face transform
 * (rotation, scale, shift), hair and clothes, head, expressive features, accessories, occluder,
 * then the photometric nuisances on the raster. Stateless and thread-safe.
 */
public final class SynthRenderer {
  /**
   * The face fills the frame like an aligned RAF-DB crop: design point (50, FOCUS_Y), between
   * eyes and mouth, lands on the image centre, magnified by ZOOM (the hair top may be cut off).
   */
  private static final float ZOOM = 1.22f;

  private static final float FOCUS_Y = 55f;

  private SynthRenderer() {}

  /**
   * One rendered image and what it shows.
   *
   * @param image the pixels (TYPE_INT_RGB, size x size)
   * @param actionUnits activations shown, in {@link ActionUnit} order
   * @param attributes CelebA attributes as +1/-1 in {@code LabelSpace.CELEBA_40} order
   * @param occluded pixel bounds of the occluder (empty when none)
   */
  public record Render(BufferedImage image, float[] actionUnits, int[] attributes, Rectangle occluded) {}

  /** Renders the spec at {@code size} x {@code size} pixels. */
  public static Render render(FaceSpec spec, int size) {
    if (size < 16) {
      throw new IllegalArgumentException("image size must be at least 16 pixels, was " + size);
    }
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    Identity id = spec.identity();
    Nuisance n = spec.nuisance();
    float[] au;
    FaceGeometry geo;
    Rectangle occluded;
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      n.paintBackground(g, size);
      AffineTransform face = faceTransform(n, size);
      g.transform(face);
      au = ActionUnit.express(spec.label(), spec.intensity(), id, spec.auNoise());
      geo = FaceGeometry.of(id, au);
      Shape head = FacePainter.headOutline(id, geo.chinDrop());
      Accessories.paintBehind(g, id, geo);
      FacePainter.paintHead(g, id, geo, head);
      FacePainter.paintFeatures(g, id, geo);
      Accessories.paintFront(g, id, geo, head);
      Rectangle2D region =
          spec.occlusion().paint(g, id, geo, new SplittableRandom(spec.occlusionSeed()));
      occluded =
          region.isEmpty()
              ? new Rectangle()
              : face.createTransformedShape(region).getBounds().intersection(new Rectangle(size, size));
    } finally {
      g.dispose();
    }
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    PixelEffects.apply(px, size, n);
    return new Render(img, au, Attributes.of(id, geo, au, n), occluded);
  }

  /** Design units (100 x 100 canvas) to pixels, with the pose nuisances. */
  static AffineTransform faceTransform(Nuisance n, int size) {
    float unit = size / 100f;
    AffineTransform t = new AffineTransform();
    t.translate(size / 2.0 + n.shiftX() * unit, size / 2.0 + n.shiftY() * unit);
    t.rotate(Math.toRadians(n.rotationDeg()));
    t.scale(unit * n.scale() * ZOOM, unit * n.scale() * ZOOM);
    t.translate(-50, -FOCUS_Y);
    return t;
  }
}

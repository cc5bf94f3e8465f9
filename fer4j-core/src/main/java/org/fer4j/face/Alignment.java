package org.fer4j.face;

/**
 * Face alignment by a similarity transform (rotation, uniform scale, translation) fitted by
 * least squares from landmark points to a template, then an inverse-mapped bilinear warp to the
 * model's input size. A pure function of (image, points): the predictor uses it for fer4j
 * models and the data pipeline for unaligned training sets (AffectNet, CK+, video frames).
 *
 * <p>The fit is the closed-form least-squares similarity of Umeyama, "Least-squares estimation
 * of transformation parameters between two point patterns", IEEE TPAMI 13(4), 1991 (no
 * reflection). The default template is the 5-point one of InsightFace's ArcFace crops
 * ({@code python-package/insightface/utils/face_align.py}, {@code arcface_dst}, 112x112).
 */
public final class Alignment {
  /**
   * A 5-point template: left eye, right eye, nose tip, left and right mouth corner (from the
   * viewer's side), in pixels of a {@code size x size} crop.
   *
   * @param points {x0, y0, ..., x4, y4}
   * @param size side of the square crop the points refer to
   */
  public record Template(float[] points, int size) {
    /** InsightFace's ArcFace template for 112x112 crops. */
    public static final Template ARCFACE_112 =
        new Template(
            new float[] {
              38.2946f, 51.6963f, 73.5318f, 51.5014f, 56.0252f, 71.7366f, 41.5493f, 92.3655f,
              70.7299f, 92.2041f
            },
            112);

    /** The same template for another crop size, zoomed out by {@code margin} (1 = as is). */
    public Template scaled(int newSize, double margin) {
      float[] p = new float[points.length];
      double c = size / 2.0;
      double s = (double) newSize / size;
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) (((points[i] - c) / margin + c) * s);
      }
      return new Template(p, newSize);
    }
  }

  private Alignment() {}

  /**
   * The five template points from 68 iBUG landmarks {x0, y0, ...}: eye centres (mean of
   * 36-41 and 42-47), nose tip (30), mouth corners (48, 54).
   */
  public static float[] fivePoints(float[] landmarks68) {
    if (landmarks68.length != 136) {
      throw new IllegalArgumentException("expected 68 points (136 values), got " + landmarks68.length);
    }
    float[] out = new float[10];
    meanPoint(landmarks68, 36, 42, out, 0);
    meanPoint(landmarks68, 42, 48, out, 1);
    copyPoint(landmarks68, 30, out, 2);
    copyPoint(landmarks68, 48, out, 3);
    copyPoint(landmarks68, 54, out, 4);
    return out;
  }

  private static void meanPoint(float[] pts, int from, int to, float[] out, int at) {
    double x = 0;
    double y = 0;
    for (int i = from; i < to; i++) {
      x += pts[2 * i];
      y += pts[2 * i + 1];
    }
    out[2 * at] = (float) (x / (to - from));
    out[2 * at + 1] = (float) (y / (to - from));
  }

  private static void copyPoint(float[] pts, int i, float[] out, int at) {
    out[2 * at] = pts[2 * i];
    out[2 * at + 1] = pts[2 * i + 1];
  }

  /**
   * Least-squares similarity mapping {@code src} points onto {@code dst} points.
   *
   * @return the 2x3 matrix {a, -b, tx, b, a, ty}: {@code x' = a x - b y + tx}, {@code y' = b x
   *     + a y + ty}
   */
  public static double[] similarity(float[] src, float[] dst) {
    int n = src.length / 2;
    if (n < 2 || src.length != dst.length) {
      throw new IllegalArgumentException("need >= 2 matching points, got " + src.length / 2 + " and " + dst.length / 2);
    }
    double sx = 0, sy = 0, dx = 0, dy = 0;
    for (int i = 0; i < n; i++) {
      sx += src[2 * i];
      sy += src[2 * i + 1];
      dx += dst[2 * i];
      dy += dst[2 * i + 1];
    }
    sx /= n;
    sy /= n;
    dx /= n;
    dy /= n;
    double norm = 0, dot = 0, cross = 0;
    for (int i = 0; i < n; i++) {
      double px = src[2 * i] - sx, py = src[2 * i + 1] - sy;
      double qx = dst[2 * i] - dx, qy = dst[2 * i + 1] - dy;
      norm += px * px + py * py;
      dot += px * qx + py * qy;
      cross += px * qy - py * qx;
    }
    if (norm == 0) {
      throw new IllegalArgumentException("source points all coincide; no transform fits them");
    }
    double a = dot / norm;
    double b = cross / norm;
    return new double[] {a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy)};
  }

  /**
   * Warps {@code image} by {@code m} (source to output pixels) into a {@code width x height}
   * image of floats: each output pixel samples the source bilinearly at the inverse-mapped
   * position, reading an 8-bit photo's bytes directly; outside the source it is black.
   */
  public static RgbImage warp(RgbImage image, double[] m, int width, int height) {
    double det = m[0] * m[4] - m[1] * m[3];
    if (Math.abs(det) < 1e-12) {
      throw new IllegalArgumentException("transform is singular");
    }
    // inverse of [[m0 m1],[m3 m4]] and translation
    double i0 = m[4] / det, i1 = -m[1] / det, i3 = -m[3] / det, i4 = m[0] / det;
    double i2 = -(i0 * m[2] + i1 * m[5]);
    double i5 = -(i3 * m[2] + i4 * m[5]);
    float[] out = new float[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double u = i0 * x + i1 * y + i2;
        double v = i3 * x + i4 * y + i5;
        int x0 = (int) Math.floor(u);
        int y0 = (int) Math.floor(v);
        double fx = u - x0;
        double fy = v - y0;
        int o = (y * width + x) * 3;
        for (int k = 0; k < 3; k++) {
          out[o + k] = (float) ((1 - fy) * ((1 - fx) * image.value(x0, y0, k) + fx * image.value(x0 + 1, y0, k))
              + fy * ((1 - fx) * image.value(x0, y0 + 1, k) + fx * image.value(x0 + 1, y0 + 1, k)));
        }
      }
    }
    return new RgbImage(width, height, out);
  }

  /** Aligns a face given its 68 landmarks to a template, at {@code size x size}. */
  public static RgbImage align(RgbImage image, float[] landmarks68, Template template, int size) {
    Template t = template.size() == size ? template : template.scaled(size, 1.0);
    return warp(image, similarity(fivePoints(landmarks68), t.points()), size, size);
  }
}

package org.fer4j.data.transforms;

import java.util.Random;

/**
 * Rotates by an angle drawn uniformly from [-degrees, degrees] about the image centre, filling
 * uncovered pixels with 0 (torchvision {@code RandomRotation} with {@code fill=0}). Sampling is
 * bilinear, or nearest-neighbour, which is torchvision's default interpolation for this transform.
 */
public final class RandomRotation implements ImageTransform<Float> {
  private final float degrees;
  private final boolean nearest;

  /** Bilinear rotation. */
  public RandomRotation(float degrees) {
    this(degrees, false);
  }

  /** Rotation sampled nearest-neighbour when {@code nearest}, otherwise bilinearly. */
  public RandomRotation(float degrees, boolean nearest) {
    if (degrees < 0) {
      throw new IllegalArgumentException("rotation range must be >= 0, was " + degrees);
    }
    this.degrees = degrees;
    this.nearest = nearest;
  }

  /** Whether pixels are sampled nearest-neighbour (otherwise bilinearly). */
  public boolean nearest() {
    return nearest;
  }

  /** The largest angle drawn, in degrees either way. */
  public float degrees() {
    return degrees;
  }

  @Override
  public Float draw(Random random, int h, int w) {
    return (float) ((random.nextDouble() * 2 - 1) * degrees);
  }

  @Override
  public FloatImage apply(FloatImage image, Float angle) {
    return angle == 0 ? image : nearest ? rotateNearest(image, angle) : rotate(image, angle);
  }

  /**
   * Like {@link #rotate} but each output pixel takes the source pixel nearest to its inverse-mapped
   * point (ties to even, as PyTorch's {@code grid_sample} in nearest mode), 0 outside the image.
   */
  public static FloatImage rotateNearest(FloatImage image, float angle) {
    int w = image.width();
    int h = image.height();
    int plane = w * h;
    float[] in = image.data();
    return inverseRotate(image, angle, (out, at, sourceX, sourceY) -> {
      int sx = (int) Math.rint(sourceX);
      int sy = (int) Math.rint(sourceY);
      if (sx >= 0 && sy >= 0 && sx < w && sy < h) {
        for (int c = 0, off = 0; c < image.channels(); c++, off += plane) {
          out[off + at] = in[off + sy * w + sx];
        }
      }
    });
  }

  /** Rotates counter-clockwise by {@code angle} degrees (positive = counter-clockwise on screen). */
  public static FloatImage rotate(FloatImage image, float angle) {
    int w = image.width();
    int h = image.height();
    int plane = w * h;
    float[] in = image.data();
    return inverseRotate(image, angle, (out, at, sx, sy) -> {
      int x0 = (int) Math.floor(sx);
      int y0 = (int) Math.floor(sy);
      if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
        return;
      }
      float fx = sx - x0;
      float fy = sy - y0;
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
        // Interior: all four neighbours exist, no bounds checks per channel.
        int i00 = y0 * w + x0;
        float w00 = (1 - fx) * (1 - fy);
        float w10 = fx * (1 - fy);
        float w01 = (1 - fx) * fy;
        float w11 = fx * fy;
        for (int c = 0, off = 0; c < image.channels(); c++, off += plane) {
          int i = off + i00;
          out[off + at] = in[i] * w00 + in[i + 1] * w10 + in[i + w] * w01 + in[i + w + 1] * w11;
        }
        return;
      }
      for (int c = 0; c < image.channels(); c++) {
        int off = c * plane;
        float v00 = sample(in, off, w, h, x0, y0);
        float v10 = sample(in, off, w, h, x0 + 1, y0);
        float v01 = sample(in, off, w, h, x0, y0 + 1);
        float v11 = sample(in, off, w, h, x0 + 1, y0 + 1);
        out[off + at] = (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
      }
    });
  }

  /** Writes output pixel {@code at} (of the first plane) from source point {@code (sx, sy)}. */
  @FunctionalInterface
  private interface SourceSampler {
    void write(float[] out, int at, float sx, float sy);
  }

  /**
   * The loop both interpolations share: for each output pixel the source point that lands on it
   * under a rotation by {@code angle} degrees about the image centre; pixels the sampler leaves
   * alone stay 0.
   */
  private static FloatImage inverseRotate(FloatImage image, float angle, SourceSampler sampler) {
    int w = image.width();
    int h = image.height();
    double rad = Math.toRadians(angle);
    float cos = (float) Math.cos(rad);
    float sin = (float) Math.sin(rad);
    float cx = (w - 1) / 2f;
    float cy = (h - 1) / 2f;
    float[] out = new float[image.data().length];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float dx = x - cx;
        float dy = y - cy;
        sampler.write(out, y * w + x, cos * dx - sin * dy + cx, sin * dx + cos * dy + cy);
      }
    }
    return new FloatImage(image.channels(), h, w, out);
  }

  private static float sample(float[] in, int off, int w, int h, int x, int y) {
    return x < 0 || y < 0 || x >= w || y >= h ? 0f : in[off + y * w + x];
  }
}

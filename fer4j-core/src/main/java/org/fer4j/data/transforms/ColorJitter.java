package org.fer4j.data.transforms;

import java.util.Random;

/**
 * Random brightness, contrast, saturation and hue, with torchvision's {@code ColorJitter} factor
 * ranges (brightness b gives a factor in [max(0, 1-b), 1+b], likewise contrast and saturation;
 * hue h gives a shift in [-h, h] turns). Applied in the fixed order brightness, contrast,
 * saturation, hue (torchvision shuffles the order), clamping to [0,1] after each. Hue is rotated
 * in the YIQ plane, an approximation of torchvision's HSV shift. Expects RGB in [0,1].
 */
public final class ColorJitter implements ImageTransform<ColorJitter.Factors> {
  /** Drawn factors; 1, 1, 1, 0 changes nothing. */
  public record Factors(float brightness, float contrast, float saturation, float hue) {}

  private final float brightness;
  private final float contrast;
  private final float saturation;
  private final float hue;

  public ColorJitter(float brightness, float contrast, float saturation, float hue) {
    if (brightness < 0 || contrast < 0 || saturation < 0 || hue < 0 || hue > 0.5f) {
      throw new IllegalArgumentException("jitter ranges must be >= 0 and hue <= 0.5");
    }
    this.brightness = brightness;
    this.contrast = contrast;
    this.saturation = saturation;
    this.hue = hue;
  }

  /** The ranges as given: brightness, contrast, saturation, hue. */
  public float[] ranges() {
    return new float[] {brightness, contrast, saturation, hue};
  }

  @Override
  public Factors draw(Random random, int h, int w) {
    return new Factors(
        factor(random, brightness), factor(random, contrast), factor(random, saturation),
        (float) ((random.nextDouble() * 2 - 1) * hue));
  }

  private static float factor(Random random, float range) {
    float lo = Math.max(0, 1 - range);
    return lo + (1 + range - lo) * (float) random.nextDouble();
  }

  @Override
  public FloatImage apply(FloatImage image, Factors f) {
    if (image.channels() != 3) {
      throw new IllegalArgumentException("colour jitter needs RGB, got " + image.channels() + " channels");
    }
    int n = image.plane();
    float[] d = image.data().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] = clamp(d[i] * f.brightness());
    }
    if (f.contrast() != 1) {
      float mean = 0;
      for (int i = 0; i < n; i++) {
        mean += gray(d, i, n);
      }
      mean /= n;
      for (int i = 0; i < d.length; i++) {
        d[i] = clamp(f.contrast() * d[i] + (1 - f.contrast()) * mean);
      }
    }
    if (f.saturation() != 1 || f.hue() != 0) {
      saturateAndRotateHue(d, n, f.saturation(), f.hue());
    }
    return new FloatImage(3, image.height(), image.width(), d);
  }

  private static void saturateAndRotateHue(float[] d, int n, float sat, float hueTurns) {
    float cos = (float) Math.cos(hueTurns * 2 * Math.PI);
    float sin = (float) Math.sin(hueTurns * 2 * Math.PI);
    for (int i = 0; i < n; i++) {
      float r = d[i];
      float g = d[n + i];
      float b = d[2 * n + i];
      float y = 0.299f * r + 0.587f * g + 0.114f * b;
      r = clamp(sat * r + (1 - sat) * y);
      g = clamp(sat * g + (1 - sat) * y);
      b = clamp(sat * b + (1 - sat) * y);
      if (hueTurns != 0) {
        float yy = 0.299f * r + 0.587f * g + 0.114f * b;
        float ii = 0.596f * r - 0.274f * g - 0.322f * b;
        float qq = 0.211f * r - 0.523f * g + 0.312f * b;
        float i2 = cos * ii - sin * qq;
        float q2 = sin * ii + cos * qq;
        r = clamp(yy + 0.956f * i2 + 0.621f * q2);
        g = clamp(yy - 0.272f * i2 - 0.647f * q2);
        b = clamp(yy - 1.106f * i2 + 1.703f * q2);
      }
      d[i] = r;
      d[n + i] = g;
      d[2 * n + i] = b;
    }
  }

  private static float gray(float[] d, int i, int n) {
    return 0.299f * d[i] + 0.587f * d[n + i] + 0.114f * d[2 * n + i];
  }

  private static float clamp(float v) {
    return v < 0 ? 0 : Math.min(1, v);
  }
}

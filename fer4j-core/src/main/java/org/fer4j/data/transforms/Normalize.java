package org.fer4j.data.transforms;

import java.util.Random;
import org.fer4j.data.PreprocessConfig;

/**
 * {@code (x - mean) / std} per channel with the statistics of a model's {@link PreprocessConfig};
 * for a one-channel config an RGB input is first reduced to ITU-R BT.601 luma.
 */
public final class Normalize implements ImageTransform<Void> {
  private final float[] mean;
  private final float[] std;

  public Normalize(PreprocessConfig config) {
    this(config.mean(), config.std());
  }

  public Normalize(float[] mean, float[] std) {
    if (mean.length != std.length) {
      throw new IllegalArgumentException("mean and std need the same length");
    }
    for (float s : std) {
      if (s <= 0) {
        throw new IllegalArgumentException("std values must be > 0, got " + s);
      }
    }
    this.mean = mean.clone();
    this.std = std.clone();
  }

  @Override
  public Void draw(Random random, int h, int w) {
    return null;
  }

  @Override
  public FloatImage apply(FloatImage image, Void params) {
    FloatImage in = image;
    if (mean.length == 1 && image.channels() == 3) {
      in = luma(image);
    }
    if (in.channels() != mean.length) {
      throw new IllegalArgumentException(
          "normalisation has " + mean.length + " channels, image has " + in.channels());
    }
    int n = in.plane();
    float[] out = new float[in.data().length];
    float[] d = in.data();
    for (int c = 0; c < mean.length; c++) {
      float m = mean[c];
      float inv = 1f / std[c];
      for (int i = c * n; i < (c + 1) * n; i++) {
        out[i] = (d[i] - m) * inv;
      }
    }
    return new FloatImage(in.channels(), in.height(), in.width(), out);
  }

  /** RGB to one luma channel. */
  public static FloatImage luma(FloatImage rgb) {
    int n = rgb.plane();
    float[] d = rgb.data();
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = 0.299f * d[i] + 0.587f * d[n + i] + 0.114f * d[2 * n + i];
    }
    return new FloatImage(1, rgb.height(), rgb.width(), out);
  }
}

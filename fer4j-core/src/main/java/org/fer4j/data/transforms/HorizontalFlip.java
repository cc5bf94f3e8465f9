package org.fer4j.data.transforms;

import java.util.Random;

/** Mirrors the image left-right with probability {@code p}. */
public final class HorizontalFlip implements ImageTransform<Boolean> {
  private final double p;

  public HorizontalFlip(double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("flip probability must be in [0,1], was " + p);
    }
    this.p = p;
  }

  /** Probability of mirroring. */
  public double probability() {
    return p;
  }

  @Override
  public Boolean draw(Random random, int h, int w) {
    return random.nextDouble() < p;
  }

  @Override
  public FloatImage apply(FloatImage image, Boolean flip) {
    return flip ? flip(image) : image;
  }

  /** The mirrored image. */
  public static FloatImage flip(FloatImage image) {
    int w = image.width();
    float[] in = image.data();
    float[] out = new float[in.length];
    for (int row = 0; row < image.channels() * image.height(); row++) {
      int off = row * w;
      for (int x = 0; x < w; x++) {
        out[off + x] = in[off + w - 1 - x];
      }
    }
    return new FloatImage(image.channels(), image.height(), w, out);
  }
}

package org.fer4j.data.transforms;

import java.util.Random;

/** Resizes the whole image to a fixed size (anti-aliased bilinear); no randomness. */
public final class Resize implements ImageTransform<Void> {
  private final int height;
  private final int width;

  public Resize(int height, int width) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("resize target must be positive: " + height + "x" + width);
    }
    this.height = height;
    this.width = width;
  }

  /** Output size {height, width}. */
  public int[] size() {
    return new int[] {height, width};
  }

  @Override
  public Void draw(Random random, int h, int w) {
    return null;
  }

  @Override
  public FloatImage apply(FloatImage image, Void params) {
    if (image.height() == height && image.width() == width) {
      return image;
    }
    return Resampler.resize(image, 0, 0, image.width(), image.height(), height, width);
  }
}

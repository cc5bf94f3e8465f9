package org.fer4j.data.transforms;

import java.util.Random;

/**
 * Sets a random rectangle to 0 with probability {@code p} (Zhong et al., "Random Erasing Data
 * Augmentation", AAAI 2020, arXiv:1708.04896; torchvision's {@code RandomErasing} with its default
 * area share (0.02, 0.33), aspect ratio (0.3, 3.3) and value 0). Usually placed after
 * normalisation, where 0 is the mean colour.
 */
public final class RandomErasing implements ImageTransform<RandomErasing.Box> {
  /** The erased rectangle in pixels; null params mean no erasing. */
  public record Box(int top, int left, int height, int width) {}

  private final double p;

  public RandomErasing(double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("erasing probability must be in [0,1], was " + p);
    }
    this.p = p;
  }

  /** Probability of erasing a rectangle. */
  public double probability() {
    return p;
  }

  @Override
  public Box draw(Random random, int h, int w) {
    if (random.nextDouble() >= p) {
      return null;
    }
    double area = (double) h * w;
    for (int attempt = 0; attempt < 10; attempt++) {
      double target = area * (0.02 + (0.33 - 0.02) * random.nextDouble());
      double ratio = Math.exp(Math.log(0.3) + (Math.log(3.3) - Math.log(0.3)) * random.nextDouble());
      int eh = (int) Math.round(Math.sqrt(target * ratio));
      int ew = (int) Math.round(Math.sqrt(target / ratio));
      if (eh > 0 && ew > 0 && eh < h && ew < w) {
        return new Box(random.nextInt(h - eh + 1), random.nextInt(w - ew + 1), eh, ew);
      }
    }
    return null;
  }

  @Override
  public FloatImage apply(FloatImage image, Box box) {
    if (box == null) {
      return image;
    }
    float[] d = image.data().clone();
    int w = image.width();
    for (int c = 0; c < image.channels(); c++) {
      int off = c * image.plane();
      for (int y = box.top(); y < box.top() + box.height(); y++) {
        java.util.Arrays.fill(d, off + y * w + box.left(), off + y * w + box.left() + box.width(), 0f);
      }
    }
    return new FloatImage(image.channels(), image.height(), w, d);
  }
}

package org.fer4j.data.transforms;

import java.util.Random;

/**
 * The older "sized crop" that GCA+IAL trains with ({@code GroupRandomSizedCrop} in {@code
 * muse1998/IAL-for-Facial-Expression-Recognition:video_transform.py}, after TSN and torchvision
 * 0.2's {@code RandomSizedCrop}). It differs from {@link RandomResizedCrop} in how the window is
 * drawn, so it is its own step:
 *
 * <ul>
 *   <li>the aspect ratio is uniform in {@code ratio} (not log-uniform), and width and height are
 *       swapped with probability 0.5 after rounding;
 *   <li>after ten failed tries the fallback is a random square of the shorter side (the code scales
 *       the shorter side to the output size and crops a random square), not a centre crop.
 * </ul>
 *
 * <p>The window is kept in relative coordinates, so every frame of a clip gets the same crop.
 */
public final class RandomSizedCrop implements ImageTransform<RandomResizedCrop.Window> {
  private static final int TRIES = 10;

  private final int height;
  private final int width;
  private final float minScale;
  private final float maxScale;
  private final float minRatio;
  private final float maxRatio;

  public RandomSizedCrop(int height, int width, float minScale, float maxScale, float minRatio, float maxRatio) {
    if (!(minScale > 0 && minScale <= maxScale && maxScale <= 1 && minRatio > 0 && minRatio <= maxRatio)) {
      throw new IllegalArgumentException("need 0 < minScale <= maxScale <= 1 and 0 < minRatio <= maxRatio");
    }
    this.height = height;
    this.width = width;
    this.minScale = minScale;
    this.maxScale = maxScale;
    this.minRatio = minRatio;
    this.maxRatio = maxRatio;
  }

  /** Area share range {min, max} of the window. */
  public float[] scale() {
    return new float[] {minScale, maxScale};
  }

  /** Aspect ratio range {min, max}, drawn uniformly before the width/height swap. */
  public float[] ratio() {
    return new float[] {minRatio, maxRatio};
  }

  /** Output size {height, width}. */
  public int[] size() {
    return new int[] {height, width};
  }

  @Override
  public RandomResizedCrop.Window draw(Random random, int h, int w) {
    double area = (double) h * w;
    for (int attempt = 0; attempt < TRIES; attempt++) {
      double target = area * (minScale + (maxScale - minScale) * random.nextDouble());
      double ratio = minRatio + (maxRatio - minRatio) * random.nextDouble();
      int cw = (int) Math.round(Math.sqrt(target * ratio));
      int ch = (int) Math.round(Math.sqrt(target / ratio));
      if (random.nextDouble() < 0.5) {
        int swap = cw;
        cw = ch;
        ch = swap;
      }
      if (cw > 0 && ch > 0 && cw <= w && ch <= h) {
        int left = random.nextInt(w - cw + 1);
        int top = random.nextInt(h - ch + 1);
        return window(left, top, cw, ch, w, h);
      }
    }
    int side = Math.min(w, h);
    return window(random.nextInt(w - side + 1), random.nextInt(h - side + 1), side, side, w, h);
  }

  private static RandomResizedCrop.Window window(int left, int top, int cw, int ch, int w, int h) {
    return new RandomResizedCrop.Window((float) left / w, (float) top / h, (float) cw / w, (float) ch / h);
  }

  @Override
  public FloatImage apply(FloatImage image, RandomResizedCrop.Window win) {
    float w = image.width();
    float h = image.height();
    return Resampler.resize(image, win.x() * w, win.y() * h, win.w() * w, win.h() * h, height, width);
  }
}

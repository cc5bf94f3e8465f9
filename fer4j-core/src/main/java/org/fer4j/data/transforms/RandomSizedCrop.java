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
public final class RandomSizedCrop extends RandomWindowCrop {

  public RandomSizedCrop(int height, int width, float minScale, float maxScale, float minRatio, float maxRatio) {
    super(height, width, minScale, maxScale, minRatio, maxRatio);
  }

  @Override
  public RandomResizedCrop.Window draw(Random random, int h, int w) {
    double area = (double) h * w;
    for (int attempt = 0; attempt < TRIES; attempt++) {
      double target = drawArea(random, area);
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
}

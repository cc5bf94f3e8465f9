package org.fer4j.data.loader;

import java.util.Random;

/**
 * Picks T frame indices out of a clip of n frames. The two built-in samplers are GCA+IAL's
 * ({@code muse1998/IAL-for-Facial-Expression-Recognition:dataset_DFEW.py}, U=16, V=1; METHODS.md
 * section 1): random segment sampling for training and segment centres for testing.
 */
@FunctionalInterface
public interface FrameSampler {

  /** Indices in [0, n), in display order, exactly {@code t} of them. */
  int[] pick(int n, int t, Random random);

  /**
   * Training: split into t segments of {@code n / t} frames and take a random frame in each. With
   * fewer frames than segments, frames are repeated in order (IAL pads with frame 0 instead; in
   * order keeps the expression's time course).
   */
  static FrameSampler segments() {
    return (n, t, random) -> {
      int[] idx = new int[t];
      int avg = n / t;
      if (avg > 0) {
        for (int i = 0; i < t; i++) {
          idx[i] = i * avg + random.nextInt(avg);
        }
      } else {
        for (int i = 0; i < t; i++) {
          idx[i] = (int) ((long) i * n / t);
        }
      }
      return idx;
    };
  }

  /** Testing: the centre of each of t equal segments, {@code int(tick / 2 + tick * i)}. */
  static FrameSampler centred() {
    return (n, t, random) -> {
      int[] idx = new int[t];
      double tick = (double) n / t;
      for (int i = 0; i < t; i++) {
        idx[i] = Math.min(n - 1, (int) (tick / 2 + tick * i));
      }
      return idx;
    };
  }
}

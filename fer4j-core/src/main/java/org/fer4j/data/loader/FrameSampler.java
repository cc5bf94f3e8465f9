package org.fer4j.data.loader;

import java.util.Random;

/**
 * Picks T frame indices (0-based, display order) out of a clip of n frames: the one place where
 * fer4j decides which frames of a clip make up a fixed-length input. The two built-in samplers are
 * GCA+IAL's TSN-style segment sampling ({@code
 * muse1998/IAL-for-Facial-Expression-Recognition:dataset_DFEW.py}, U=16, V=1; Wang et al.,
 * "Temporal Segment Networks", <a href="https://arxiv.org/abs/1608.00859">arXiv:1608.00859</a>;
 * docs/methods.md#gcsa-cai): a random frame per segment for training, segment centres for testing.
 */
@FunctionalInterface
public interface FrameSampler {
  /** The clip length GCA+IAL uses. */
  int SEGMENTS = 16;

  /** Indices in [0, n), in display order, exactly {@code t} of them. */
  int[] pick(int n, int t, Random random);

  /**
   * Training: split into t segments of {@code avg = n / t} frames and take a random frame in each
   * ({@code i*avg + random(avg)}). With fewer frames than segments, frames are repeated in order
   * ({@code i*n/t}); the reference returns all zeros there and drops such clips from its lists, but
   * in-order repetition keeps the expression's time course.
   */
  static FrameSampler segments() {
    return (n, t, random) -> {
      check(n, t);
      int[] idx = new int[t];
      int avg = n / t;
      for (int i = 0; i < t; i++) {
        idx[i] = avg > 0 ? i * avg + random.nextInt(avg) : (int) ((long) i * n / t);
      }
      return idx;
    };
  }

  /**
   * Testing: the centre of each of t equal segments, {@code int(tick/2 + tick*i)} with {@code tick
   * = n / t} in floating point. The reference applies this only when {@code n > t} and otherwise
   * returns zeros, which would turn a 16-frame clip ({@code clip_224x224_16f}) into one repeated
   * frame; here the formula is used for every n (0..15 for n = 16, evenly repeated frames for
   * shorter clips). For n > t the result is the reference's.
   */
  static FrameSampler centred() {
    return (n, t, random) -> {
      check(n, t);
      int[] idx = new int[t];
      double tick = (double) n / t;
      for (int i = 0; i < t; i++) {
        idx[i] = Math.min(n - 1, (int) (tick / 2 + tick * i));
      }
      return idx;
    };
  }

  private static void check(int n, int t) {
    if (n < 1 || t < 1) {
      throw new IllegalArgumentException(
          "clip sampling needs at least one frame and one segment, got n=" + n + ", t=" + t);
    }
  }
}

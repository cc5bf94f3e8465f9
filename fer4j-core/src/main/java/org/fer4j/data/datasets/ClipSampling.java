package org.fer4j.data.datasets;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * Which frames of an n-frame clip make up a fixed-length input (16 frames for GCA+IAL), as in
 * {@code muse1998/IAL-for-Facial-Expression-Recognition:dataset_DFEW.py} (TSN-style segment
 * sampling; Wang et al., "Temporal Segment Networks", arXiv 1608.00859). METHODS.md section 1.
 * Indices are 0-based. The clip transforms call these so that training and test pick frames the
 * same way everywhere.
 */
public final class ClipSampling {
  /** The clip length GCA+IAL uses. */
  public static final int SEGMENTS = 16;

  private ClipSampling() {}

  /**
   * Training sampling: the clip is cut into {@code segments} equal segments of
   * {@code avg = n / segments} frames and one random frame is taken from each
   * ({@code i*avg + random(avg)}). When {@code avg == 0} (fewer frames than segments) every index
   * is 0, as in the reference code, which drops such clips from its lists.
   *
   * @param n frames in the clip
   * @param seed seeds the random offsets; the same seed gives the same indices
   */
  public static int[] trainIndices(int n, int segments, long seed) {
    Random random = new Random(seed);
    return trainIndices(n, segments, random::nextInt);
  }

  /**
   * {@link #trainIndices(int, int, long)} with the random source given: {@code randomBelow}
   * returns a value in {@code [0, bound)} for its argument {@code bound}.
   */
  public static int[] trainIndices(int n, int segments, IntUnaryOperator randomBelow) {
    check(n, segments);
    int[] idx = new int[segments];
    int avg = n / segments;
    if (avg > 0) {
      for (int i = 0; i < segments; i++) {
        idx[i] = i * avg + randomBelow.applyAsInt(avg);
      }
    } else if (n > segments) {
      // Unreachable with one frame per segment (avg == 0 means n < segments); kept so the
      // function mirrors the reference for every input.
      for (int i = 0; i < segments; i++) {
        idx[i] = randomBelow.applyAsInt(n);
      }
      Arrays.sort(idx);
    }
    return idx;
  }

  /**
   * Test sampling: the centre frame of each of {@code segments} equal segments,
   * {@code int(tick/2 + tick*i)} with {@code tick = n / segments} in floating point (METHODS.md
   * section 1). The reference applies this only when {@code n > segments} and otherwise returns
   * all zeros, which would turn a 16-frame clip ({@code clip_224x224_16f}) into one repeated
   * frame; here the formula is used for every n, which gives 0..15 for n = 16 and evenly repeated
   * frames for shorter clips. For n > segments the result is the reference's.
   */
  public static int[] testIndices(int n, int segments) {
    check(n, segments);
    int[] idx = new int[segments];
    double tick = (double) n / segments;
    for (int i = 0; i < segments; i++) {
      idx[i] = (int) (tick / 2.0 + tick * i);
    }
    return idx;
  }

  private static void check(int n, int segments) {
    if (n < 1 || segments < 1) {
      throw new IllegalArgumentException(
          "clip sampling needs at least one frame and one segment, got n=" + n + ", segments="
              + segments);
    }
  }
}

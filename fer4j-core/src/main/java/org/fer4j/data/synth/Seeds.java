package org.fer4j.data.synth;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from a seed and a path of integers, so that every rendered
 * image depends only on (seed, kind, index) and never on thread scheduling or on how many other
 * images were drawn before it.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * Mixes a seed with any number of integers into a new 64-bit seed (SplitMix64 finaliser, as in
   * {@link java.util.SplittableRandom}; Steele, Lea, Flood, "Fast splittable pseudorandom number
   * generators", OOPSLA 2014).
   */
  public static long mix(long seed, long... parts) {
    long h = finalise(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : parts) {
      h = finalise(h + 0x9E3779B97F4A7C15L * (p + 1));
    }
    return h;
  }

  /** A generator for the stream named by the seed and the parts. */
  public static SplittableRandom stream(long seed, long... parts) {
    return new SplittableRandom(mix(seed, parts));
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform float in [lo, hi). */
  static float uniform(SplittableRandom r, double lo, double hi) {
    return (float) (lo + (hi - lo) * r.nextDouble());
  }

  /** True with probability p. */
  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }
}

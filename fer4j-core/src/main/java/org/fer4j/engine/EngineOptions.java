package org.fer4j.engine;

/**
 * How the deep-learning engine is set up for one process.
 *
 * @param seed seed for Java, DJL and PyTorch random generators
 * @param intraOpThreads PyTorch intra-op threads; 0 means the number of available cores
 */
public record EngineOptions(long seed, int intraOpThreads) {

  /** Seed 42 and one intra-op thread per available core. */
  public static EngineOptions defaults() {
    return new EngineOptions(42L, 0);
  }

  public EngineOptions {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = all cores), was " + intraOpThreads);
    }
  }

  /** The thread count actually used: the option, or the core count when it is 0. */
  public int effectiveThreads() {
    return intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
  }

  public EngineOptions withSeed(long newSeed) {
    return new EngineOptions(newSeed, intraOpThreads);
  }

  public EngineOptions withThreads(int threads) {
    return new EngineOptions(seed, threads);
  }
}

package org.fer4j.engine;

/**
 * How the deep-learning engine is set up for one process.
 *
 * @param seed seed for Java, DJL and PyTorch random generators
 * @param intraOpThreads PyTorch intra-op threads; 0 means the number of available cores
 * @param device where tensors live; null keeps the running engine's device (the CPU at start)
 */
public record EngineOptions(long seed, int intraOpThreads, ComputeDevice device) {

  /** Seed 42, one intra-op thread per available core, and the engine's current device. */
  public static EngineOptions defaults() {
    return new EngineOptions(42L, 0, null);
  }

  /** Options that keep the engine's current device. */
  public EngineOptions(long seed, int intraOpThreads) {
    this(seed, intraOpThreads, null);
  }

  public EngineOptions {
    if (intraOpThreads < 0) {
      throw new IllegalArgumentException("intraOpThreads must be >= 0 (0 = all cores), was " + intraOpThreads);
    }
  }

  /**
   * The thread count actually used: the option; when it is 0, the {@code fer4j.threads} system
   * property or the {@code FER4J_THREADS} environment variable; else the core count.
   */
  public int effectiveThreads() {
    if (intraOpThreads > 0) {
      return intraOpThreads;
    }
    String v = System.getProperty("fer4j.threads", System.getenv("FER4J_THREADS"));
    if (v != null && !v.isBlank()) {
      try {
        int n = Integer.parseInt(v.trim());
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("fer4j.threads / FER4J_THREADS must be a positive integer, was '" + v + "'");
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }

  public EngineOptions withSeed(long newSeed) {
    return new EngineOptions(newSeed, intraOpThreads, device);
  }

  public EngineOptions withThreads(int threads) {
    return new EngineOptions(seed, threads, device);
  }

  public EngineOptions withDevice(ComputeDevice newDevice) {
    return new EngineOptions(seed, intraOpThreads, newDevice);
  }
}

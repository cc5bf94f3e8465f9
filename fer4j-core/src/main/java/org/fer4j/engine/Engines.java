package org.fer4j.engine;

import ai.djl.engine.Engine;
import ai.djl.util.RandomUtils;
import java.util.Random;
import org.fer4j.Fer4j;

/**
 * The one entry point that starts the deep-learning engine for fer4j.
 *
 * <p>It sets DJL's offline mode and the PyTorch thread count <em>before</em> the engine class
 * loads (DJL reads both only once, at engine start), so the natives always come from the
 * {@code pytorch-native-*} and {@code pytorch-jni} jars on the class path and nothing is ever
 * downloaded. Calling {@link #init} again only re-seeds; the thread count of a running engine
 * cannot change.
 */
public final class Engines {
  /** Name of the engine fer4j is built and tested on. */
  public static final String ENGINE = "PyTorch";

  private static final Object LOCK = new Object();
  private static volatile EngineInfo current;

  private Engines() {}

  /** Starts the engine with {@link EngineOptions#defaults()} if it is not running yet. */
  public static EngineInfo init() {
    EngineInfo info = current;
    return info != null ? info : init(EngineOptions.defaults());
  }

  /**
   * Starts the engine (first call) and fixes every random seed (every call). The device is the
   * options' one, or the CPU at the first call when the options name none; a later call that
   * names a device switches the default for tensors created from then on.
   *
   * @throws EngineSetupException when the native library cannot load, or CUDA is asked for and
   *     PyTorch sees no GPU
   */
  public static EngineInfo init(EngineOptions options) {
    synchronized (LOCK) {
      if (current == null) {
        configureBeforeLoad(options.effectiveThreads());
      }
      Engine engine = loadEngine();
      boolean starting = current == null;
      if (options.device() != null || starting) {
        DeviceSelection.apply(engine, options.device() == null ? ComputeDevice.CPU : options.device());
      }
      seedAll(engine, options.seed());
      current =
          new EngineInfo(
              engine.getEngineName(),
              engine.getVersion(),
              Engine.getDjlVersion(),
              engine.defaultDevice().toString(),
              starting ? options.effectiveThreads() : current.intraOpThreads(),
              options.seed());
      return current;
    }
  }

  /** Re-seeds Java, DJL and PyTorch generators without touching anything else. */
  public static void seed(long seed) {
    init();
    synchronized (LOCK) {
      seedAll(loadEngine(), seed);
      EngineInfo c = current;
      current =
          new EngineInfo(
              c.engineName(), c.engineVersion(), c.djlVersion(), c.device(), c.intraOpThreads(), seed);
    }
  }

  /**
   * Makes the calling thread ready for fer4j's NDArray work: starts the engine if needed and turns
   * off PyTorch's gradient recording, which is thread-local and on by default in every thread but
   * the one DJL started on. Without this, in-place updates (optimiser steps, loading weights) fail
   * on other threads with "a leaf Variable that requires grad is being used in an in-place
   * operation". Gradient collectors turn recording on for their own scope as usual.
   */
  public static void prepareThread() {
    init();
    ai.djl.pytorch.jni.JniUtils.setGradMode(false);
  }

  /** A fresh Java generator derived from the seed, for code that needs its own stream. */
  public static Random random(long seed) {
    return new Random(seed);
  }

  private static void configureBeforeLoad(int threads) {
    // Offline: DJL must never reach for the network to find natives or models.
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    // One inter-op thread: fer4j parallelises data loading itself; more would oversubscribe.
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    // The engine must be PyTorch even if another DJL engine is on the class path.
    System.setProperty("ai.djl.default_engine", ENGINE);
  }

  private static Engine loadEngine() {
    try {
      return Engine.getEngine(ENGINE);
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new EngineSetupException(explain(e), e);
    }
  }

  private static void seedAll(Engine engine, long seed) {
    engine.setRandomSeed((int) seed);
    RandomUtils.RANDOM.setSeed(seed);
  }

  static String explain(Throwable e) {
    String pytorch = Fer4j.buildProperty("pytorch");
    return "The PyTorch engine could not start: "
        + e.getMessage()
        + "\nfer4j runs offline and takes the natives from two Maven artifacts that must be on the"
        + " class path:\n  ai.djl.pytorch:pytorch-jni:" + pytorch + "-" + Fer4j.buildProperty("djl") + "\n"
        + "  ai.djl.pytorch:pytorch-native-" + Fer4j.buildProperty("pytorchFlavor") + ":" + pytorch
        + " (classifier linux-x86_64)\n"
        + "Rebuild with 'mvn -B package' (or run ./fer, which does it); for a GPU, 'mvn -B -Pcuda package'"
        + " (README, GPU).";
  }
}

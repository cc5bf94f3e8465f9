package org.fer4j.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.fer4j.FerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the analyser once on a background thread, so the server listens at once and
 * {@code /ready} reports when the model is there (or why it failed to load).
 */
final class ModelHolder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelHolder.class);

  private final Supplier<? extends Analyzer> loader;
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Analyzer analyzer;
  private volatile String failure;

  ModelHolder(Supplier<? extends Analyzer> loader) {
    this.loader = loader;
  }

  void loadInBackground() {
    Thread t = new Thread(this::load, "fer4j-model-loader");
    t.setDaemon(true);
    t.start();
  }

  private void load() {
    try {
      analyzer = loader.get();
      LOG.info("model {} ready", analyzer.modelName());
    } catch (FerException e) {
      failure = e.getMessage();
      LOG.error("model failed to load: {}", e.getMessage());
    } catch (RuntimeException e) {
      failure = "the model failed to load (" + e.getClass().getSimpleName() + "); see the server log";
      LOG.error("model failed to load", e);
    } finally {
      done.countDown();
    }
  }

  boolean await(Duration timeout) throws InterruptedException {
    return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && analyzer != null;
  }

  boolean ready() {
    return analyzer != null;
  }

  String name() {
    Analyzer a = analyzer;
    return a == null ? null : a.modelName();
  }

  /** The served model's provenance (null while loading or for the pretrained networks). */
  java.util.Map<String, Object> provenance() {
    Analyzer a = analyzer;
    return a == null ? null : a.provenance();
  }

  String notReadyReason() {
    String f = failure;
    return f != null ? "the model failed to load: " + f : "the model is still loading; retry shortly";
  }

  /**
   * The loaded analyser.
   *
   * @throws ApiError 503 with Retry-After while loading or after a failed load
   */
  Analyzer get() {
    Analyzer a = analyzer;
    if (a == null) {
      throw ApiError.unavailable("not_ready", notReadyReason(), failure == null ? 2 : 30);
    }
    return a;
  }

  /** Called on each new worker thread; workers start after the model is loaded. */
  void prepareWorkerThread() {
    Analyzer a = analyzer;
    if (a != null) {
      a.prepareWorkerThread();
    }
  }

  @Override
  public void close() {
    Analyzer a = analyzer;
    if (a != null) {
      a.close();
    }
  }
}

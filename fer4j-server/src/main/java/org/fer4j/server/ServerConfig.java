package org.fer4j.server;

import java.time.Duration;
import org.fer4j.FerException;

/**
 * Where the server listens and the limits it enforces. Built with {@link #builder()}; every
 * option has a safe default (loopback only, 8 MiB uploads, 40 megapixels, 30 s per request).
 *
 * @param host address to bind; {@code 127.0.0.1} unless told otherwise
 * @param port TCP port, 0 for any free one
 * @param workers inference threads
 * @param queueCapacity requests that may wait for a worker before new ones get 503
 * @param maxUploadBytes largest request body
 * @param maxPixels largest width x height, checked from the image header before decoding
 * @param maxBatchImages most images in one batch request
 * @param requestTimeout longest wait for a result before 504
 * @param shutdownGrace how long shutdown waits for in-flight requests
 */
public record ServerConfig(
    String host,
    int port,
    int workers,
    int queueCapacity,
    long maxUploadBytes,
    long maxPixels,
    int maxBatchImages,
    Duration requestTimeout,
    Duration shutdownGrace) {

  public static Builder builder() {
    return new Builder();
  }

  /** Builder; all options are optional. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8080;
    private int workers = 1;
    private int queueCapacity = 16;
    private long maxUploadBytes = 8L << 20;
    private long maxPixels = 40_000_000L;
    private int maxBatchImages = 16;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration shutdownGrace = Duration.ofSeconds(30);

    public Builder optHost(String host) {
      this.host = host;
      return this;
    }

    public Builder optPort(int port) {
      this.port = port;
      return this;
    }

    public Builder optWorkers(int workers) {
      this.workers = workers;
      return this;
    }

    public Builder optQueueCapacity(int capacity) {
      this.queueCapacity = capacity;
      return this;
    }

    public Builder optMaxUploadBytes(long bytes) {
      this.maxUploadBytes = bytes;
      return this;
    }

    public Builder optMaxPixels(long pixels) {
      this.maxPixels = pixels;
      return this;
    }

    public Builder optMaxBatchImages(int images) {
      this.maxBatchImages = images;
      return this;
    }

    public Builder optRequestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder optShutdownGrace(Duration grace) {
      this.shutdownGrace = grace;
      return this;
    }

    public ServerConfig build() {
      check(host != null && !host.isBlank(), "host", "must not be empty");
      check(port >= 0 && port <= 65535, "port", "must be in 0..65535 (0 = any free port), was " + port);
      check(workers >= 1, "workers", "must be >= 1, was " + workers);
      check(queueCapacity >= 0, "queue capacity", "must be >= 0, was " + queueCapacity);
      check(maxUploadBytes >= 1024, "max upload size", "must be >= 1024 bytes, was " + maxUploadBytes);
      check(maxPixels >= 1, "max pixels", "must be >= 1, was " + maxPixels);
      check(maxBatchImages >= 1, "max batch images", "must be >= 1, was " + maxBatchImages);
      check(positive(requestTimeout), "request timeout", "must be positive, was " + requestTimeout);
      check(positive(shutdownGrace), "shutdown grace", "must be positive, was " + shutdownGrace);
      return new ServerConfig(
          host, port, workers, queueCapacity, maxUploadBytes, maxPixels, maxBatchImages,
          requestTimeout, shutdownGrace);
    }

    private static boolean positive(Duration d) {
      return d != null && !d.isNegative() && !d.isZero();
    }

    private static void check(boolean ok, String field, String problem) {
      if (!ok) {
        throw FerException.badInput("server " + field + " " + problem);
      }
    }
  }
}

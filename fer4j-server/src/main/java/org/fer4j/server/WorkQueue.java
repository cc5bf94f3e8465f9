package org.fer4j.server;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of inference threads behind a bounded queue. A request that finds every worker
 * busy and the queue full is refused at once with 503 and {@code Retry-After} instead of piling
 * up; a request whose result takes longer than the timeout gets 504 and its task is cancelled.
 */
final class WorkQueue implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final BlockingQueue<Runnable> queue;
  private final Duration timeout;

  /**
   * @param workers threads
   * @param capacity waiting tasks beyond the running ones (0 = none may wait)
   * @param timeout longest wait for a result
   * @param threadInit runs first on each new worker thread (engine thread-local state)
   */
  WorkQueue(int workers, int capacity, Duration timeout, Runnable threadInit) {
    this.queue = capacity == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(capacity);
    this.timeout = timeout;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread t = new Thread(() -> {
        threadInit.run();
        task.run();
      }, "fer4j-worker-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.SECONDS, queue, factory,
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** Tasks waiting for a worker. */
  int depth() {
    return queue.size();
  }

  /** Tasks running now. */
  int active() {
    return pool.getActiveCount();
  }

  /**
   * Runs the task on a worker and waits for it.
   *
   * @throws ApiError 503 when the queue is full or the server is stopping, 504 on timeout; an
   *     {@link ApiError} or other runtime exception from the task is rethrown as it was
   */
  <T> T run(Callable<T> task) {
    Future<T> future;
    try {
      future = pool.submit(task);
    } catch (RejectedExecutionException e) {
      throw ApiError.unavailable("busy", pool.isShutdown()
          ? "the server is shutting down; try another instance"
          : "all workers are busy and the queue is full; retry after the Retry-After seconds", 1);
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ApiError(504, "timeout",
          "the analysis took longer than " + timeout.toSeconds() + " s; send a smaller image");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw ApiError.unavailable("interrupted", "the request was interrupted", 1);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("analysis failed", e.getCause());
    }
  }

  /** Stops taking tasks and waits up to {@code grace} for the running and queued ones. */
  boolean shutdown(Duration grace) throws InterruptedException {
    pool.shutdown();
    return pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

package org.fer4j.data.loader;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fer4j.FerException;
import org.fer4j.data.Sample;
import org.fer4j.data.synth.Seeds;
import org.fer4j.data.transforms.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A multi-threaded batch loader with bounded prefetch. Each worker builds a whole batch (decode,
 * crop, augment, copy into one float array); the consumer gets batches in order while up to
 * {@code prefetch} later batches are being built. Sample order and every random augmentation
 * depend only on (seed, epoch, sample), so results do not depend on the worker count. A sample
 * whose image is missing or corrupt is skipped, logged and counted in {@link #stats()}. Pixel
 * buffers are recycled through a small pool, so memory stays flat over an epoch (per-item overhead,
 * <a href="https://github.com/deepjavalibrary/djl/issues/621">deepjavalibrary/djl#621</a>, is
 * avoided by building batches in bulk).
 */
public final class BatchLoader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);

  private final List<Sample> samples;
  private final SampleReader reader;
  private final int batchSize;
  private final boolean shuffle;
  private final ClassBalancedSampler balanced;
  private final boolean dropLast;
  private final long seed;
  private final int prefetch;
  private final long[] itemShape;
  private final int targetWidth;
  private final ExecutorService workers;
  private final ArrayBlockingQueue<float[]> pool;
  private final LoaderStats stats = new LoaderStats();

  private BatchLoader(Builder b) {
    samples = List.copyOf(b.samples);
    reader = new SampleReader(b.pipeline, b.frames, b.channels, b.height, b.width, b.sampler);
    batchSize = b.batchSize;
    shuffle = b.shuffle;
    balanced = b.classBalanced ? new ClassBalancedSampler(samples) : null;
    dropLast = b.dropLast;
    seed = b.seed;
    prefetch = b.prefetch;
    itemShape = b.frames == 1
        ? new long[] {b.channels, b.height, b.width}
        : new long[] {b.frames, b.channels, b.height, b.width};
    targetWidth = samples.stream().filter(s -> s.target() != null).mapToInt(s -> s.target().length).max().orElse(0);
    workers = Executors.newFixedThreadPool(b.workers, r -> {
      Thread t = new Thread(r, "fer4j-loader");
      t.setDaemon(true);
      return t;
    });
    pool = new ArrayBlockingQueue<>(b.prefetch + b.workers + 2);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Counts of delivered and skipped samples over all epochs so far. */
  public LoaderStats stats() {
    return stats;
  }

  /** Batches per epoch (before skips). */
  public int batchesPerEpoch() {
    return dropLast ? samples.size() / batchSize : (samples.size() + batchSize - 1) / batchSize;
  }

  /**
   * The sample order of an epoch: class-balanced draws with replacement, a seeded shuffle, or the
   * given order.
   */
  public int[] order(int epoch) {
    if (balanced != null) {
      return balanced.order(seed, epoch, samples.size());
    }
    int[] order = new int[samples.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (shuffle) {
      Random r = new Random(Seeds.mix(seed, epoch, -1));
      for (int i = order.length - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
    }
    return order;
  }

  /** Iterates over one epoch; close each batch after use to recycle its buffer. */
  public Iterable<Batch> epoch(int epoch) {
    return () -> new EpochIterator(epoch);
  }

  private Batch build(int epoch, int[] order, int from, int to) {
    int per = reader.itemLength();
    float[] data = pool.poll();
    if (data == null || data.length < batchSize * per) {
      data = new float[batchSize * per];
    }
    int[] labels = new int[to - from];
    float[] targets = targetWidth > 0 ? new float[(to - from) * targetWidth] : null;
    String[] ids = new String[to - from];
    int n = 0;
    for (int k = from; k < to; k++) {
      Sample s = samples.get(order[k]);
      try {
        // Balanced epochs repeat samples: seeding by draw position gives each copy its own augmentation.
        long key = balanced == null ? order[k] : (long) k * samples.size() + order[k];
        reader.read(s, new Random(Seeds.mix(seed, epoch, key)), data, n * per);
      } catch (FerException e) {
        stats.skipped(s.id() + ": " + e.getMessage());
        LOG.warn("skipping sample {}: {}", s.id(), e.getMessage());
        continue;
      }
      labels[n] = s.label();
      if (targets != null) {
        fillTarget(s, targets, n);
      }
      ids[n] = s.id();
      n++;
    }
    stats.delivered(n);
    return new Batch(data, itemShape, n, labels, targets, targetWidth, ids, pool::offer);
  }

  private void fillTarget(Sample s, float[] targets, int row) {
    if (s.target() != null) {
      System.arraycopy(s.target(), 0, targets, row * targetWidth, s.target().length);
    } else if (s.label() >= 0 && s.label() < targetWidth) {
      targets[row * targetWidth + s.label()] = 1f;
    }
  }

  /** Stops the workers; batches already handed out stay valid. */
  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** Ordered delivery of futures, keeping at most {@code prefetch} batches in flight. */
  private final class EpochIterator implements Iterator<Batch> {
    private final int epoch;
    private final int[] order;
    private final int batches;
    private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
    private int submitted;
    private Batch ready;

    EpochIterator(int epoch) {
      this.epoch = epoch;
      this.order = order(epoch);
      this.batches = batchesPerEpoch();
      fill();
    }

    private void fill() {
      while (submitted < batches && pending.size() < prefetch) {
        int from = submitted * batchSize;
        int to = Math.min(order.length, from + batchSize);
        pending.add(workers.submit(() -> build(epoch, order, from, to)));
        submitted++;
      }
    }

    @Override
    public boolean hasNext() {
      while (ready == null && !pending.isEmpty()) {
        Batch b = take(pending.poll());
        fill();
        if (b.size() > 0) {
          ready = b;
        } else {
          b.close();
        }
      }
      return ready != null;
    }

    @Override
    public Batch next() {
      if (!hasNext()) {
        throw new NoSuchElementException("epoch " + epoch + " has no more batches");
      }
      Batch b = ready;
      ready = null;
      return b;
    }

    private Batch take(Future<Batch> f) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FerException(FerException.Kind.INTERNAL, "interrupted while loading a batch", e);
      } catch (ExecutionException e) {
        throw new FerException(FerException.Kind.INTERNAL, "batch loading failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /** Builder: samples and pipeline are required, the rest optional. */
  public static final class Builder {
    private List<Sample> samples;
    private Pipeline pipeline;
    private int height;
    private int width;
    private int channels = 3;
    private int frames = 1;
    private int batchSize = 32;
    private boolean shuffle = true;
    private boolean classBalanced;
    private boolean dropLast;
    private long seed = 42;
    private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int prefetch = 4;
    private FrameSampler sampler = FrameSampler.segments();

    private Builder() {}

    public Builder setSamples(List<Sample> samples) {
      this.samples = samples;
      return this;
    }

    public Builder setPipeline(Pipeline pipeline) {
      this.pipeline = pipeline;
      return this;
    }

    /** Output size of the pipeline, per frame. */
    public Builder setSize(int height, int width) {
      this.height = height;
      this.width = width;
      return this;
    }

    public Builder optChannels(int channels) {
      this.channels = channels;
      return this;
    }

    /** Frames per clip; 1 (default) gives (N,C,H,W), more gives (N,T,C,H,W). */
    public Builder optFrames(int frames) {
      this.frames = frames;
      return this;
    }

    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder optShuffle(boolean shuffle) {
      this.shuffle = shuffle;
      return this;
    }

    /**
     * Draw classes uniformly (with replacement, {@link ClassBalancedSampler}) instead of shuffling;
     * for imbalanced training sets.
     */
    public Builder optClassBalanced(boolean classBalanced) {
      this.classBalanced = classBalanced;
      return this;
    }

    public Builder optDropLast(boolean dropLast) {
      this.dropLast = dropLast;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder optWorkers(int workers) {
      this.workers = workers;
      return this;
    }

    /** Batches built ahead of the consumer (the queue bound). */
    public Builder optPrefetch(int prefetch) {
      this.prefetch = prefetch;
      return this;
    }

    public Builder optFrameSampler(FrameSampler sampler) {
      this.sampler = sampler;
      return this;
    }

    public BatchLoader build() {
      if (samples == null || pipeline == null) {
        throw FerException.badInput("loader needs setSamples(...) and setPipeline(...)");
      }
      if (height <= 0 || width <= 0) {
        throw FerException.badInput("loader needs setSize(height, width) with positive values");
      }
      if (batchSize < 1 || workers < 1 || prefetch < 1 || frames < 1 || channels < 1) {
        throw FerException.badInput("loader batchSize, workers, prefetch, frames and channels must be >= 1; got "
            + batchSize + ", " + workers + ", " + prefetch + ", " + frames + ", " + channels);
      }
      return new BatchLoader(this);
    }
  }
}

package org.fer4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fer4j.engine.Engines;
import org.fer4j.train.optim.FerOptimizer;
import org.fer4j.train.optim.GradientClipping;

/**
 * The thin training loop: batches in, one optimiser step each, listeners for everything else
 * (metrics CSV, curves, checkpoints, progress); docs/training.md describes what a run writes.
 *
 * <p>Every epoch starts by re-seeding all generators with {@code seed + epoch}, so dropout and
 * stochastic depth draw the same numbers in an epoch whether or not the run was resumed before it.
 * Every batch lives in its own sub-manager closed in {@code finally}: native memory stays flat.
 */
public final class TrainingLoop {

  /** Called as training goes; checkpointing, CSV and progress are listeners. */
  public interface Listener {
    /** After every optimiser step. */
    default void onBatch(int epoch, long seenInEpoch, double loss) {}

    /** After every optimiser step, with the learning rate it used; calls {@link #onBatch}. */
    default void onStep(int epoch, long seenInEpoch, double loss, double lr) {
      onBatch(epoch, seenInEpoch, loss);
    }

    /** After every epoch, with its summary (validation included). */
    default void onEpochEnd(EpochSummary summary) throws IOException {}
  }

  /** Computes validation metrics with the model in inference mode. */
  @FunctionalInterface
  public interface Validator {
    Map<String, Double> validate(Block block, ParameterStore ps, NDManager manager);
  }

  private final Block block;
  private final Map<String, Parameter> params;
  private final FerOptimizer optimizer;
  private final TrainLoss loss;
  private final LearningRateSchedule schedule;
  private final EpochSource source;
  private final Validator validator;
  private final double gradClip;
  private final long seed;
  private final int epochs;
  private final List<Listener> listeners;
  private final NDManager manager;
  private final java.util.function.UnaryOperator<NDArray> inputAdapter;
  private final ModelEma ema;

  private TrainingLoop(Builder b) {
    ema = b.ema;
    block = b.block;
    params = b.params;
    optimizer = b.optimizer;
    loss = b.loss;
    schedule = b.schedule;
    source = b.source;
    validator = b.validator;
    gradClip = b.gradClip;
    seed = b.seed;
    epochs = b.epochs;
    listeners = List.copyOf(b.listeners);
    manager = b.manager;
    inputAdapter = b.inputAdapter;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains epochs {@code startEpoch} (0-based) to the end and returns every epoch's summary.
   *
   * @throws TrainingDivergedException when the loss becomes NaN or infinite
   */
  public List<EpochSummary> run(int startEpoch) throws IOException {
    Engines.prepareThread(); // training may run on any thread (a server's, a test's)
    List<EpochSummary> out = new ArrayList<>();
    ParameterStore ps = new ParameterStore(manager, false);
    for (int epoch = startEpoch; epoch < epochs; epoch++) {
      Engines.seed(seed + epoch);
      long t0 = System.nanoTime();
      double lr = schedule.lr(epoch);
      double meanLoss = trainEpoch(epoch, ps, lr);
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      if (ema != null) {
        ema.swapIn(); // validation, best and the epoch's checkpoint use the averaged weights
      }
      try {
        Map<String, Double> val = validator == null ? Map.of() : validator.validate(block, ps, manager);
        EpochSummary s =
            new EpochSummary(
                epoch + 1, meanLoss, lr, val, (System.nanoTime() - t0) / 1e9,
                source.samples() / trainSeconds);
        for (Listener l : listeners) {
          l.onEpochEnd(s);
        }
        out.add(s);
      } finally {
        if (ema != null) {
          ema.swapOut();
        }
      }
    }
    return out;
  }

  private double trainEpoch(int epoch, ParameterStore ps, double lr) {
    double lossSum = 0;
    long batches = 0;
    long seen = 0;
    Iterator<HostBatch> it = source.epoch(epoch);
    try {
      while (it.hasNext()) {
        HostBatch batch = it.next();
        double value = step(ps, batch, lr, epoch);
        lossSum += value;
        batches++;
        seen += batch.size();
        for (Listener l : listeners) {
          l.onStep(epoch + 1, seen, value, lr);
        }
      }
    } finally {
      if (it instanceof AutoCloseable c) {
        closeQuietly(c);
      }
    }
    return batches == 0 ? Double.NaN : lossSum / batches;
  }

  private double step(ParameterStore ps, HostBatch batch, double lr, int epoch) {
    try (NDManager bm = manager.newSubManager()) {
      NDArray x = inputAdapter.apply(
          bm.create(FloatBuffer.wrap(batch.pixels(), 0, (int) batch.shape().size()), batch.shape()));
      if (batch.release() != null) {
        batch.release().run(); // the pixels are on the engine now; the loader may reuse the buffer
      }
      long[] labels = new long[batch.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = batch.labels()[i];
      }
      NDArray y = bm.create(labels);
      NDArray t =
          batch.targets() == null
              ? null
              : bm.create(FloatBuffer.wrap(batch.targets()), new Shape(batch.size(), batch.targetWidth()));
      double value;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDList out = block.forward(ps, new NDList(x), true);
        NDArray l = loss.compute(out, y, t);
        value = l.toType(DataType.FLOAT64, false).getDouble();
        if (!Double.isFinite(value)) {
          throw new TrainingDivergedException(
              "the training loss became " + value + " in epoch " + (epoch + 1)
                  + "; lower the learning rate or enable gradClip. The last good checkpoint is kept.");
        }
        gc.backward(l);
      }
      double norm = GradientClipping.clipGlobalNorm(params.values(), gradClip);
      if (!Double.isFinite(norm)) {
        throw new TrainingDivergedException(
            "the gradient norm became " + norm + " in epoch " + (epoch + 1)
                + "; lower the learning rate or enable gradClip. The last good checkpoint is kept.");
      }
      optimizer.step(params, lr);
      if (ema != null) {
        ema.update();
      }
      return value;
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      throw new UncheckedIOException(new IOException("closing the data loader failed", e));
    }
  }

  /** Builder: every {@code set} is required. */
  public static final class Builder {
    private Block block;
    private Map<String, Parameter> params;
    private FerOptimizer optimizer;
    private TrainLoss loss;
    private LearningRateSchedule schedule;
    private EpochSource source;
    private Validator validator;
    private double gradClip;
    private long seed;
    private int epochs;
    private final List<Listener> listeners = new ArrayList<>();
    private NDManager manager;
    private java.util.function.UnaryOperator<NDArray> inputAdapter = x -> x;
    private ModelEma ema;

    /** Averages the weights after every step; validation and listeners see the average. */
    public Builder optEma(ModelEma ema) {
      this.ema = ema;
      return this;
    }

    /** Reshapes the batch before the model sees it (e.g. clips to the model's layout). */
    public Builder optInputAdapter(java.util.function.UnaryOperator<NDArray> adapter) {
      this.inputAdapter = adapter;
      return this;
    }

    public Builder setBlock(Block block, Map<String, Parameter> namedParams) {
      this.block = block;
      this.params = namedParams;
      return this;
    }

    public Builder setOptimizer(FerOptimizer optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    public Builder setLoss(TrainLoss loss) {
      this.loss = loss;
      return this;
    }

    public Builder setSchedule(LearningRateSchedule schedule, int epochs) {
      this.schedule = schedule;
      this.epochs = epochs;
      return this;
    }

    public Builder setSource(EpochSource source) {
      this.source = source;
      return this;
    }

    /** The manager the block's parameters live in; batches get sub-managers of it. */
    public Builder setManager(NDManager manager) {
      this.manager = manager;
      return this;
    }

    public Builder optValidator(Validator validator) {
      this.validator = validator;
      return this;
    }

    public Builder optGradClip(double maxNorm) {
      this.gradClip = maxNorm;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder addListener(Listener listener) {
      listeners.add(listener);
      return this;
    }

    public TrainingLoop build() {
      Objects.requireNonNull(block, "setBlock");
      Objects.requireNonNull(params, "setBlock parameters");
      Objects.requireNonNull(optimizer, "setOptimizer");
      Objects.requireNonNull(loss, "setLoss");
      Objects.requireNonNull(schedule, "setSchedule");
      Objects.requireNonNull(source, "setSource");
      Objects.requireNonNull(manager, "setManager");
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
      }
      return new TrainingLoop(this);
    }
  }
}

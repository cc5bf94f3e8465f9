package org.fer4j.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.engine.EngineInfo;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;

/**
 * Times training steps or inference passes of a registered model on random input, the way
 * {@code bench/peer.py} times the same torchvision architecture in Python: same batch, size,
 * thread count, SGD with momentum, median of timed iterations after warm-up.
 */
public final class ModelBenchmark {

  private ModelBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param config what to run
   * @param macsPerImage forward MACs of one image (for the GFLOPS figure), or -1
   * @param onIteration called after every iteration with its index (for progress output)
   * @param afterInit called once the block is initialised, e.g. to load pretrained weights
   */
  public static BenchResult run(
      BenchConfig config, long macsPerImage, IntConsumer onIteration, Consumer<Block> afterInit) {
    EngineInfo engine = Engines.init();
    ModelSpec spec = ModelRegistry.get(config.model());
    Block block = spec.build(ModelOptions.of(config.numClasses()));
    Shape input = inputShape(config);
    double[] seconds = new double[config.iterations()];
    try (Model model = Model.newInstance(config.model())) {
      model.setBlock(block);
      if (config.mode() == BenchConfig.Mode.TRAIN) {
        timeTraining(model, config, input, seconds, onIteration, afterInit);
      } else {
        timeInference(model, config, input, seconds, onIteration, afterInit);
      }
    }
    double median = median(seconds);
    return new BenchResult(
        config,
        engine.intraOpThreads(),
        median,
        config.batch() / median,
        ProcessMemory.peakRssBytes(),
        macsPerImage);
  }

  /** The benchmark times RGB models: (N, 3, H, W), or (N, 3, T, H, W) for clips. */
  static Shape inputShape(BenchConfig c) {
    return ModelInput.shape(c.batch(), 3, c.frames(), c.height(), c.width());
  }

  private static void timeTraining(
      Model model, BenchConfig c, Shape input, double[] seconds, IntConsumer onIteration,
      Consumer<Block> afterInit) {
    DefaultTrainingConfig tc =
        new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
            .optOptimizer(
                Optimizer.sgd()
                    .setLearningRateTracker(Tracker.fixed(0.01f))
                    .optMomentum(0.9f)
                    .build());
    try (Trainer trainer = model.newTrainer(tc)) {
      trainer.initialize(input);
      afterInit.accept(model.getBlock());
      NDManager m = trainer.getManager();
      NDArray x = m.randomNormal(input);
      NDArray y = m.randomInteger(0, c.numClasses(), new Shape(c.batch()), DataType.INT64);
      int total = c.warmup() + c.iterations();
      for (int i = 0; i < total; i++) {
        long t0 = System.nanoTime();
        try (NDManager step = m.newSubManager()) {
          NDArray xs = x.duplicate();
          xs.attach(step);
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDList out = trainer.forward(new NDList(xs));
            NDArray loss = trainer.getLoss().evaluate(new NDList(y), new NDList(out.get(0)));
            gc.backward(loss);
            out.attach(step);
            loss.attach(step);
          }
          trainer.step();
        }
        record(seconds, i - c.warmup(), t0);
        onIteration.accept(i);
      }
    }
  }

  private static void timeInference(
      Model model, BenchConfig c, Shape input, double[] seconds, IntConsumer onIteration,
      Consumer<Block> afterInit) {
    Block block = model.getBlock();
    NDManager m = model.getNDManager();
    block.initialize(m, DataType.FLOAT32, input);
    afterInit.accept(block);
    ParameterStore ps = new ParameterStore(m, false);
    NDArray x = m.randomNormal(input);
    int total = c.warmup() + c.iterations();
    for (int i = 0; i < total; i++) {
      long t0 = System.nanoTime();
      try (NDManager step = m.newSubManager()) {
        // The input lives in the step's manager, so every intermediate of the forward pass does
        // too (results attach to their first input's manager) and is freed with the step.
        NDArray xs = x.duplicate();
        xs.attach(step);
        NDList out = block.forward(ps, new NDList(xs), false);
        out.get(0).toFloatArray(); // force completion, as the peer's timing does
      }
      record(seconds, i - c.warmup(), t0);
      onIteration.accept(i);
    }
  }

  private static void record(double[] seconds, int timedIndex, long t0) {
    if (timedIndex >= 0) {
      seconds[timedIndex] = (System.nanoTime() - t0) / 1e9;
    }
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
  }
}

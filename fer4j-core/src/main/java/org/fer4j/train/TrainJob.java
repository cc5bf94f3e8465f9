package org.fer4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.DatasetIndex;
import org.fer4j.data.loader.BatchLoader;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.ParameterNames;
import org.fer4j.models.StagedModel;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.train.optim.FerOptimizer;
import org.fer4j.run.Provenance;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.RunState;
import org.fer4j.run.TrainedModel;

/**
 * A whole training run from a {@link TrainConfig}: read the data set, hold out a validation
 * split, build the model, loss and optimiser, train with per-epoch checkpoints, metrics.csv and
 * curves.png, and keep the best checkpoint by the config's validation metric. {@link #resume}
 * continues a killed run from its last committed epoch.
 */
public final class TrainJob implements AutoCloseable {
  private final TrainConfig config;
  private final RunWriter run;
  private final NDManager manager;
  private final DatasetIndex index;
  private final List<List<Sample>> trainVal;
  private final PreprocessConfig preprocess;
  private final Block block;
  private final Map<String, Parameter> params;
  private final FerOptimizer optimizer;
  private TrainLoss loss;

  private TrainJob(TrainConfig config, RunWriter run, Path dataRoot) {
    this.config = config;
    this.run = run;
    Engines.init(EngineOptions.defaults().withSeed(config.seed()));
    Engines.seed(config.seed());
    this.index = RunData.read(config, dataRoot);
    checkClassCount(config, index.labels());
    this.manager = NDManager.newBaseManager();
    this.trainVal = RunData.trainVal(index, config);
    ModelSpec spec = ModelRegistry.get(config.model());
    this.preprocess = TrainedModel.preprocessOf(config, spec);
    this.block = TrainedModel.buildBlock(config, spec, preprocess, manager);
    this.params = TrainParts.trainable(ParameterNames.torchNames(block));
    this.optimizer = TrainParts.optimizer(config, manager);
  }

  /**
   * The model's outputs must match the data set's classes: else training fails deep in the loss
   * with PyTorch's "Class values must be smaller than num_classes" (CK+ has 8 classes, most
   * recipes 7).
   */
  private static void checkClassCount(TrainConfig config, LabelSpace labels) {
    if (config.numClasses() != labels.size()) {
      throw FerException.badInput("recipe " + config.name() + " builds " + config.numClasses()
          + " outputs but the " + config.data().format() + " data set has " + labels.size()
          + " classes " + labels.classes() + "; add --set numClasses=" + labels.size());
    }
  }

  /** Starts a new run under {@code runsDir}; {@code dataRoot} overrides the recipe's folder. */
  public static TrainJob start(TrainConfig config, Path runsDir, Path dataRoot) throws IOException {
    return startIn(config, RunWriter.create(runsDir, config.name()), dataRoot);
  }

  /** Starts a new run in a given, freshly created run directory (one fold of a protocol). */
  public static TrainJob startIn(TrainConfig config, RunWriter run, Path dataRoot) throws IOException {
    // config.json records the folder actually read, so eval and resume find it without --data.
    TrainConfig.DataConfig d = config.data();
    config = config.withData(new TrainConfig.DataConfig(d.format(), dataRoot.toAbsolutePath().normalize().toString(),
        d.options(), d.inputSize(), d.frames(), d.valFraction()));
    TrainJob job = new TrainJob(config, run, dataRoot);
    // Fine-tuning from named weights (modelOptions.pretrained); only a new run loads them.
    org.fer4j.models.faceres.FaceResWeights.applyOption(config.modelOptions(), job.block())
        .ifPresent(r -> org.slf4j.LoggerFactory.getLogger(TrainJob.class).info(r.summary().stripTrailing()));
    run.writeConfig(config, Provenance.of(Engines.init(), config.seed(), job.fingerprint()));
    run.writeLabels(job.labels());
    return job;
  }

  /** Reopens a run to continue it (same config; data from {@code dataRoot} or the recipe's). */
  public static TrainJob resume(Path runDir, Path dataRoot) throws IOException {
    RunWriter run = RunWriter.resume(runDir);
    TrainConfig config = run.readConfig();
    return new TrainJob(config, run, dataRoot == null ? Path.of(config.data().root()) : dataRoot);
  }

  public RunWriter run() {
    return run;
  }

  public TrainConfig config() {
    return config;
  }

  public Block block() {
    return block;
  }

  public DatasetIndex index() {
    return index;
  }

  public PreprocessConfig preprocess() {
    return preprocess;
  }

  public LabelSpace labels() {
    return index.labels();
  }

  /**
   * Trains from the last committed epoch (0 for a new run) to the end.
   *
   * @param progress extra listener (e.g. the CLI's progress bar), may be null
   */
  public List<EpochSummary> train(TrainingLoop.Listener progress) throws IOException {
    RunState state = run.state().orElse(null);
    ModelEma ema = config.emaDecay() > 0 ? new ModelEma(ParameterNames.torchNames(block), config.emaDecay(), manager) : null;
    loss = TrainParts.loss(config, manager, featureDim(), regions());
    int start = state == null ? 0 : restore(state, ema);
    if (start >= config.epochs()) {
      if (ema != null) {
        ema.swapIn();
      }
      return List.of();
    }
    try (BatchLoader train = loader(trainVal.get(0), true); BatchLoader val = loader(trainVal.get(1), false)) {
      TrainingLoop.Builder b = TrainingLoop.builder()
          .setBlock(block, params)
          .setOptimizer(optimizer)
          .setLoss(loss)
          .setSchedule(LearningRateSchedule.of(config.schedule(), config.optimizer().lr(), config.epochs()), config.epochs())
          .setSource(new LoaderSource(train, trainVal.get(0).size()))
          .setManager(manager)
          .optGradClip(config.gradClip())
          .optSeed(config.seed())
          .optInputAdapter(TrainParts::toModelLayout)
          .optEma(ema)
          .addListener(new RunListener(run, block, optimizer, ema, loss, config, state));
      if (!trainVal.get(1).isEmpty()) {
        b.optValidator((blk, ps, m) -> Evaluation.run(blk, val, labels(), m).summary());
      }
      if (progress != null) {
        b.addListener(progress);
      }
      List<EpochSummary> done = b.build().run(start);
      if (ema != null) {
        ema.swapIn(); // the finished model is the average, as in the last checkpoint
      }
      return done;
    }
  }

  /**
   * Loads the committed epoch (weights, optimiser, EMA, the loss's state such as FAER's centres)
   * and returns the epoch to start from.
   */
  private int restore(RunState state, ModelEma ema) throws IOException {
    Map<String, float[]> extra =
        run.restore(state, block, optimizer, params, ModelEma.TRAINING_PREFIX, TrainLoss.STATE_PREFIX);
    if (ema != null) {
      ema.restore(extra); // the checkpoint holds the average; the training weights go back in
    }
    if (!loss.state().isEmpty()) {
      loss.loadState(extra);
    }
    new MetricsCsv(run.metricsCsv()).truncateAfter(state.epochsDone());
    return state.epochsDone();
  }

  /** A loader over samples with this run's preprocessing (training augmentation or none). */
  public BatchLoader loader(List<Sample> samples, boolean training) {
    return RunData.loader(config, preprocess, samples, training);
  }

  /** Evaluates the current weights on samples. */
  public Evaluation evaluate(List<Sample> samples) {
    try (BatchLoader l = loader(samples, false)) {
      return Evaluation.run(block, l, labels(), manager);
    }
  }

  /**
   * Loads the selected checkpoint (best on validation, or the last epoch without one), evaluates
   * it on {@code test} and writes report.json and report.html into the run directory.
   *
   * @param extra more named results for the summary table (e.g. occluded accuracy)
   */
  public org.fer4j.eval.EvaluationReport report(List<Sample> test, String dataset, Map<String, Double> extra)
      throws IOException {
    RunState s = run.state().orElseThrow(() -> org.fer4j.FerException.notFound(
        run.path() + " has no finished epoch to evaluate"));
    org.fer4j.weights.Checkpoints.load(block, run.bestWeights());
    String rule = TrainedModel.selectionRule(s, false);
    Evaluation e = evaluate(test);
    org.fer4j.eval.EvaluationReport r = RunEvaluator.report(config, dataset, rule, e, test, true, extra);
    org.fer4j.eval.ReportWriter.write(r, run.path(), run.curvesPng());
    return r;
  }

  /** Width of the model's last output: the pooled feature for FAER's center loss. */
  private int featureDim() {
    Shape[] out = block.getOutputShapes(new Shape[] {ModelInput.shape(preprocess)});
    return (int) out[out.length - 1].tail();
  }

  /**
   * The face regions the model scores (AGLF's four, LNLJ's K), as the built model states them;
   * a model without regions gets 4, which only the region losses read.
   */
  private int regions() {
    return block instanceof StagedModel staged && staged.regions() > 0 ? staged.regions() : 4;
  }

  private String fingerprint() {
    List<String> lines = new ArrayList<>();
    index.splits().forEach((split, samples) -> samples.forEach(s -> lines.add(split + " " + s.id() + " " + s.label())));
    return Provenance.fingerprint(lines);
  }

  @Override
  public void close() {
    manager.close();
  }
}

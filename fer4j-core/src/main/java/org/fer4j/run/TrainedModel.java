package org.fer4j.run;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.weights.Checkpoints;

/**
 * A trained run directory opened for inference: the model rebuilt from the run's
 * {@code config.json}, its weights loaded from the selected checkpoint, with the run's input
 * preprocessing and class names. This is what {@code --run RUN_DIR} means everywhere (eval,
 * predict, explain, serve, video, Spark).
 *
 * <p>The checkpoint is {@code best.safetensors} (best on validation, or the last epoch when the
 * run had no validation split) unless {@link Selection#LAST} asks for the last finished epoch.
 */
public final class TrainedModel implements AutoCloseable {
  /** Which checkpoint of the run to load. */
  public enum Selection {
    /** best on the run's validation metric (the last epoch when there was no validation split) */
    BEST,
    /** the last finished epoch */
    LAST
  }

  private final RunDirectory run;
  private final TrainConfig config;
  private final ModelSpec spec;
  private final PreprocessConfig preprocess;
  private final LabelSpace labels;
  private final NDManager manager;
  private final Block block;
  private final Path weightsFile;
  private final String selectionRule;

  private TrainedModel(RunDirectory run, Selection selection) throws IOException {
    this.run = run;
    this.config = run.readConfig();
    this.spec = ModelRegistry.get(config.model());
    this.preprocess = preprocessOf(config, spec);
    this.labels = run.readLabels().orElseGet(() -> defaultLabels(config.numClasses()));
    RunState state = run.state().orElseThrow(() -> FerException.notFound(
        run.path() + " has no finished epoch yet (no state.json); train it first or resume it"));
    this.weightsFile = selection == Selection.LAST || !Files.exists(run.bestWeights())
        ? run.checkpoint(state.weights())
        : run.bestWeights();
    this.selectionRule = selectionRule(state, selection == Selection.LAST || !Files.exists(run.bestWeights()));
    org.fer4j.engine.Engines.prepareThread(); // loading copies values into parameters in place
    this.manager = NDManager.newBaseManager();
    try {
      this.block = buildBlock(config, spec, preprocess, manager);
      Checkpoints.load(block, weightsFile);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * How a run's reported checkpoint was chosen, as every report states it. A run without a
   * validation split has no best epoch: its "best" checkpoint is the last epoch.
   */
  public static String selectionRule(RunState s, boolean last) {
    if (last) {
      return "last epoch (" + s.epochsDone() + ")";
    }
    return Double.isNaN(s.bestValue())
        ? "last epoch (" + s.bestEpoch() + "; no validation split)"
        : "best validation " + s.bestMetric() + " (epoch " + s.bestEpoch() + " of " + s.epochsDone() + ")";
  }

  /** Opens a run with its best checkpoint. */
  public static TrainedModel open(Path runDir) {
    return open(runDir, Selection.BEST);
  }

  /** Opens a run with the chosen checkpoint; a folder that is not a finished run is a clear error. */
  public static TrainedModel open(Path runDir, Selection selection) {
    try {
      return new TrainedModel(RunDirectory.open(runDir), selection);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read run " + runDir + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code dir} looks like a run directory (has config.json). */
  public static boolean isRunDirectory(Path dir) {
    return RunDirectory.isRunDirectory(dir);
  }

  /** The run's input: the registered model's channels and normalisation at the config's size. */
  public static PreprocessConfig preprocessOf(TrainConfig config, ModelSpec spec) {
    PreprocessConfig p = spec.preprocess();
    int size = config.data().inputSize();
    return new PreprocessConfig(size, size, p.channels(), p.mean(), p.std(), config.data().frames());
  }

  /** Builds and initialises the config's model (clip models get their frame count and size). */
  public static Block buildBlock(TrainConfig config, ModelSpec spec, PreprocessConfig p, NDManager manager) {
    return spec.buildInitialized(config.numClasses(), config.modelOptions(), p, manager);
  }

  static LabelSpace defaultLabels(int n) {
    return n == 7 || n == 8 ? LabelSpace.expressions(n)
        : n == LabelSpace.CELEBA_40.size() ? LabelSpace.CELEBA_40 : LabelSpace.indexed("classes", n);
  }

  public Block block() {
    return block;
  }

  public TrainConfig config() {
    return config;
  }

  public ModelSpec spec() {
    return spec;
  }

  public PreprocessConfig preprocess() {
    return preprocess;
  }

  public LabelSpace labels() {
    return labels;
  }

  public RunDirectory run() {
    return run;
  }

  /** The checkpoint file the weights came from. */
  public Path weightsFile() {
    return weightsFile;
  }

  /** How the checkpoint was chosen, for reports: e.g. "best validation war (epoch 3 of 8)". */
  public String selectionRule() {
    return selectionRule;
  }

  /** The manager owning the block's parameters (for callers that need arrays of the same life). */
  public NDManager manager() {
    return manager;
  }

  @Override
  public void close() {
    manager.close();
  }
}

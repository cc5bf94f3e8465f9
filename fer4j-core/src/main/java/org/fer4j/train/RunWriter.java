package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.io.AtomicFiles;
import org.fer4j.run.RunDirectory;
import org.fer4j.run.RunState;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.TrainConfigs;
import org.fer4j.train.optim.FerOptimizer;
import org.fer4j.weights.Checkpoints;
import org.fer4j.weights.Safetensors;
import org.fer4j.weights.StDtype;

/**
 * The write side of a {@link RunDirectory}: creates the folder, writes config and labels, commits
 * epochs and restores them for a resume.
 *
 * <p>Saving an epoch writes {@code epoch-NNNN.safetensors} and {@code epoch-NNNN-optimizer.safetensors}
 * first, then replaces {@code state.json}, then deletes the previous epoch's files: a crash at any
 * moment leaves a state.json naming complete files, so a killed run loses at most one epoch.
 */
public final class RunWriter extends RunDirectory {
  private static final String STEPS_KEY = "optimizer_steps";

  private RunWriter(Path dir) {
    super(dir);
  }

  /** Creates {@code parent/<name>-<yyyyMMdd-HHmmss>} (with a suffix if taken). */
  public static RunWriter create(Path parent, String name) throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path d = parent.resolve(name + "-" + stamp);
    for (int i = 2; Files.exists(d); i++) {
      d = parent.resolve(name + "-" + stamp + "-" + i);
    }
    Files.createDirectories(d.resolve("checkpoints"));
    return new RunWriter(d);
  }

  /** Creates the run directory {@code dir} itself (one fold of a protocol); an existing run there is an error. */
  public static RunWriter createAt(Path dir) throws IOException {
    if (Files.exists(dir.resolve("config.json"))) {
      throw FerException.badInput(dir + " already holds a run; resume it with --resume or choose another folder");
    }
    Files.createDirectories(dir.resolve("checkpoints"));
    return new RunWriter(dir);
  }

  /** An existing run, reopened to continue it; a folder without config.json is an error. */
  public static RunWriter resume(Path dir) {
    return new RunWriter(RunDirectory.open(dir).path());
  }

  /** Writes config.json: the config and its provenance. */
  public void writeConfig(TrainConfig config, Map<String, Object> provenance) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("config", JSON.readTree(TrainConfigs.toJson(config)));
    doc.put("provenance", provenance);
    AtomicFiles.writeString(path().resolve("config.json"), JSON.writeValueAsString(doc));
  }

  /** Writes labels.json: the class names of the model's outputs, in order. */
  public void writeLabels(LabelSpace labels) throws IOException {
    AtomicFiles.writeString(path().resolve("labels.json"), JSON.writeValueAsString(labels));
  }

  /**
   * Saves the epoch's weights and optimiser state, commits state.json, removes the previous
   * epoch's files, and copies the weights to best.safetensors when {@code improved}.
   */
  public RunState saveEpoch(Block block, FerOptimizer optimizer, int epoch, RunState previous,
      String metric, double value, boolean improved, Map<String, String> metadata) throws IOException {
    return saveEpoch(block, optimizer, Map.of(), epoch, previous, metric, value, improved, metadata);
  }

  /**
   * {@link #saveEpoch(Block, FerOptimizer, int, RunState, String, double, boolean, Map)} with more
   * arrays stored beside the optimiser state (the training weights when the block holds the EMA).
   */
  public RunState saveEpoch(Block block, FerOptimizer optimizer, Map<String, NDArray> extraState, int epoch,
      RunState previous, String metric, double value, boolean improved, Map<String, String> metadata)
      throws IOException {
    String w = String.format("epoch-%04d.safetensors", epoch);
    String o = String.format("epoch-%04d-optimizer.safetensors", epoch);
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put("epoch", Integer.toString(epoch));
    Checkpoints.save(block, checkpoint(w), meta);
    Map<String, NDArray> opt = new LinkedHashMap<>(optimizer.stateArrays());
    opt.putAll(extraState);
    Safetensors.write(checkpoint(o), opt, Map.of(STEPS_KEY, Long.toString(optimizer.steps())), StDtype.F32);
    if (improved) {
      Checkpoints.save(block, bestWeights(), meta);
    }
    RunState next =
        new RunState(epoch, w, o, metric, improved ? value : previous == null ? Double.NaN : previous.bestValue(),
            improved ? epoch : previous == null ? 0 : previous.bestEpoch());
    AtomicFiles.writeString(path().resolve("state.json"), JSON.writeValueAsString(next));
    if (previous != null && !previous.weights().equals(w)) {
      Files.deleteIfExists(checkpoint(previous.weights()));
      Files.deleteIfExists(checkpoint(previous.optimizer()));
    }
    return next;
  }

  /**
   * Loads the committed epoch's weights and optimiser state into an initialised block.
   *
   * @return the arrays saved beside the optimiser state whose names start with one of {@code
   *     extraPrefixes} (the EMA's training weights, a loss's state)
   */
  public Map<String, float[]> restore(RunState s, Block block, FerOptimizer optimizer, Map<String, Parameter> params,
      String... extraPrefixes) {
    Checkpoints.load(block, checkpoint(s.weights()));
    try (Safetensors st = Safetensors.open(checkpoint(s.optimizer()))) {
      Map<String, float[]> saved = new LinkedHashMap<>();
      Map<String, float[]> extra = new LinkedHashMap<>();
      for (String name : st.names()) {
        boolean isExtra = java.util.Arrays.stream(extraPrefixes).anyMatch(name::startsWith);
        (isExtra ? extra : saved).put(name, st.floats(name));
      }
      long steps = Long.parseLong(st.metadata().getOrDefault(STEPS_KEY, "0"));
      optimizer.loadState(saved, steps, params);
      return extra;
    }
  }

  /** Loads the committed epoch's weights and optimiser state into an initialised block. */
  public void restore(RunState s, Block block, FerOptimizer optimizer, Map<String, Parameter> params) {
    restore(s, block, optimizer, params, ModelEma.TRAINING_PREFIX);
  }
}

package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.io.AtomicFiles;
import org.fer4j.train.optim.FerOptimizer;
import org.fer4j.weights.Checkpoints;
import org.fer4j.weights.Safetensors;
import org.fer4j.weights.StDtype;

/**
 * A run's folder, {@code runs/<name>-<time>/}: {@code config.json} (config + provenance),
 * {@code checkpoints/} (per-epoch weights and optimiser state, {@code best.safetensors}),
 * {@code state.json} (the commit point), {@code metrics.csv}, {@code curves.png}, reports.
 *
 * <p>Saving an epoch writes {@code epoch-NNNN.safetensors} and {@code epoch-NNNN-optimizer.safetensors}
 * first, then replaces {@code state.json}, then deletes the previous epoch's files: a crash at any
 * moment leaves a state.json naming complete files, so a killed run loses at most one epoch.
 */
public final class RunDirectory {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String STEPS_KEY = "optimizer_steps";

  private final Path dir;

  private RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** Creates {@code parent/<name>-<yyyyMMdd-HHmmss>} (with a suffix if taken). */
  public static RunDirectory create(Path parent, String name) throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path d = parent.resolve(name + "-" + stamp);
    for (int i = 2; Files.exists(d); i++) {
      d = parent.resolve(name + "-" + stamp + "-" + i);
    }
    Files.createDirectories(d.resolve("checkpoints"));
    return new RunDirectory(d);
  }

  /** Creates the run directory {@code dir} itself (one fold of a protocol); an existing run there is an error. */
  public static RunDirectory createAt(Path dir) throws IOException {
    if (Files.exists(dir.resolve("config.json"))) {
      throw FerException.badInput(dir + " already holds a run; resume it with --resume or choose another folder");
    }
    Files.createDirectories(dir.resolve("checkpoints"));
    return new RunDirectory(dir);
  }

  /** An existing run; a folder without config.json is an error that says what it expected. */
  public static RunDirectory open(Path dir) {
    if (!Files.isRegularFile(dir.resolve("config.json"))) {
      throw FerException.notFound(dir + " is not a fer4j run directory (no config.json)");
    }
    return new RunDirectory(dir);
  }

  public Path path() {
    return dir;
  }

  public Path metricsCsv() {
    return dir.resolve("metrics.csv");
  }

  public Path curvesPng() {
    return dir.resolve("curves.png");
  }

  public Path bestWeights() {
    return dir.resolve("checkpoints/best.safetensors");
  }

  /** Writes config.json: the config and its provenance. */
  public void writeConfig(TrainConfig config, Map<String, Object> provenance) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("config", JSON.readTree(TrainConfigs.toJson(config)));
    doc.put("provenance", provenance);
    AtomicFiles.writeString(dir.resolve("config.json"), JSON.writeValueAsString(doc));
  }

  /** Reads the config back from config.json. */
  public TrainConfig readConfig() throws IOException {
    var tree = JSON.readTree(dir.resolve("config.json").toFile());
    return TrainConfigs.parse(tree.get("config").toString(), dir.resolve("config.json").toString());
  }

  /** Writes labels.json: the class names of the model's outputs, in order. */
  public void writeLabels(LabelSpace labels) throws IOException {
    AtomicFiles.writeString(dir.resolve("labels.json"), JSON.writeValueAsString(labels));
  }

  /** The run's class names (runs written before labels.json existed have none). */
  public Optional<LabelSpace> readLabels() throws IOException {
    Path f = dir.resolve("labels.json");
    return Files.exists(f) ? Optional.of(JSON.readValue(f.toFile(), LabelSpace.class)) : Optional.empty();
  }

  /** The last committed state, if any epoch finished. */
  public Optional<RunState> state() throws IOException {
    Path f = dir.resolve("state.json");
    return Files.exists(f) ? Optional.of(JSON.readValue(f.toFile(), RunState.class)) : Optional.empty();
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
    AtomicFiles.writeString(dir.resolve("state.json"), JSON.writeValueAsString(next));
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

  private Path checkpoint(String file) {
    return dir.resolve("checkpoints").resolve(file);
  }
}

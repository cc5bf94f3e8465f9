package org.fer4j.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;

/**
 * A run's folder, {@code runs/<name>-<time>/}, read back: {@code config.json} (config +
 * provenance), {@code checkpoints/} (per-epoch weights and optimiser state, {@code
 * best.safetensors}), {@code state.json} (the commit point), {@code metrics.csv}, {@code
 * curves.png}, reports. Training writes it through {@code org.fer4j.train.RunWriter}; everything
 * that only uses a finished run (predict, serve, video, Spark) needs just this side.
 */
public class RunDirectory {
  /** The JSON form of every file of a run; the writer uses the same. */
  protected static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;

  protected RunDirectory(Path dir) {
    this.dir = dir;
  }

  /** An existing run; a folder without config.json is an error that says what it expected. */
  public static RunDirectory open(Path dir) {
    if (!isRunDirectory(dir)) {
      throw FerException.notFound(dir + " is not a fer4j run directory (no config.json)");
    }
    return new RunDirectory(dir);
  }

  /** True when {@code dir} looks like a run directory (has config.json). */
  public static boolean isRunDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve("config.json"));
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

  /** A file in the run's {@code checkpoints/} folder, by the name {@link RunState} records. */
  public Path checkpoint(String file) {
    return dir.resolve("checkpoints").resolve(file);
  }

  /** Reads the config back from config.json. */
  public TrainConfig readConfig() throws IOException {
    var tree = JSON.readTree(dir.resolve("config.json").toFile());
    return TrainConfigs.parse(tree.get("config").toString(), dir.resolve("config.json").toString());
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
}

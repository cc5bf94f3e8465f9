package org.fer4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fer4j.FerException;
import org.fer4j.spark.LocalSpark;
import org.fer4j.spark.PredictSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fer spark predict}: the Spark job of {@code fer4j-spark} on an embedded Spark (local
 * mode by default). Spark is not inside the CLI jar (it would triple its size and slow every
 * command's start); the {@code ./fer} launcher puts {@code fer4j-spark/target/spark-lib} on the
 * class path for this command. For a cluster, use {@code spark-submit} with the shaded
 * {@code fer4j-spark.jar} (docs/spark.md).
 */
@Command(name = "spark", description = "Batch prediction on Apache Spark.", subcommands = {SparkCommand.Predict.class})
public final class SparkCommand implements Runnable {
  @Override
  public void run() {
    throw FerException.badInput("give a subcommand: fer spark predict --input ... --output ...");
  }

  /** {@code fer spark predict}. */
  @Command(name = "predict", description = "Predict expressions for many images with Spark; writes Parquet or CSV rows.")
  public static final class Predict implements Callable<Integer> {
    @Mixin FaceOptions face;

    @Option(names = "--input", required = true, description = "A folder of images, a text file of paths, or a .parquet file.")
    String input;

    @Option(names = "--output", required = true, description = "Output folder (Spark writes part files into it; replaced if it exists).")
    String output;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--column", defaultValue = "path", description = "Parquet column with the paths (default: ${DEFAULT-VALUE}).")
    String column;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--partitions", defaultValue = "0", description = "Partitions of the path list (default: Spark's parallelism).")
    int partitions;

    @Mixin InferenceEngineOption inference;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads per executor JVM (default: ${DEFAULT-VALUE}; tasks run in parallel).")
    int threads;

    @Option(names = "--batch", defaultValue = "8", description = "Images per predictor batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--no-age-gender", description = "Skip the age/gender net.")
    boolean noAgeGender;

    @Option(names = "--run", paramLabel = "RUN_DIR", description = "A trained fer4j run (static model) as the expression"
        + " classifier; each executor opens it once. It must be a path the executors see (local mode: any folder).")
    Path run;

    @Override
    public Integer call() {
      face.detector();
      face.classifier();
      if (run != null) {
        face.requireDefaultClassifier("--run");
      }
      if (!LocalSpark.available()) {
        throw new FerException(FerException.Kind.ENVIRONMENT, "Spark is not on the class path: run this"
            + " through the ./fer launcher (it adds fer4j-spark/target/spark-lib), or spark-submit the"
            + " shaded fer4j-spark jar (docs/spark.md)");
      }
      Path human = face.humanModels();
      PredictSettings settings = new PredictSettings(face.weightsDir().toAbsolutePath().toString(),
          face.detector().name().toLowerCase(java.util.Locale.ROOT), face.inputSize(), face.minScore(), !noAgeGender,
          batch, threads, run == null ? null : run.toAbsolutePath().toString(), face.classifier().id(),
          human == null ? null : human.toAbsolutePath().toString(), inference.engine());
      long[] s = LocalSpark.predict(master, input, column, output, format, partitions, settings);
      System.err.printf("spark predict: %d images, %d faces, %d unreadable -> %s%n", s[0], s[2], s[3], output);
      return s[3] > 0 ? FerException.Kind.BAD_INPUT.exitCode() : 0;
    }
  }
}

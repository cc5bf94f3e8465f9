package org.fer4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkFiles;
import org.fer4j.FerException;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.predict.BlockExpressionClassifier;
import org.fer4j.run.TrainedModel;

/**
 * One set of face-api networks, and one opened trained run when the job uses one, per executor
 * JVM, shared by every partition (task) that runs there: loading the weights once per executor
 * instead of once per partition, and {@link org.fer4j.predict.ExpressionPredictor} is thread-safe
 * over shared models. They are closed when the executor JVM exits.
 */
final class ExecutorModels {
  private static final Map<String, FaceApiModels> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, TrainedModel> RUNS = new ConcurrentHashMap<>();
  private static final Map<String, BlockExpressionClassifier> CLASSIFIERS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      CLASSIFIERS.values().forEach(BlockExpressionClassifier::close);
      MODELS.values().forEach(FaceApiModels::close);
      RUNS.values().forEach(TrainedModel::close);
    }));
  }

  private ExecutorModels() {}

  /** The executor's networks for these settings, loaded on first use. */
  static FaceApiModels get(PredictSettings settings) {
    Path dir = weightsDir(settings);
    return MODELS.computeIfAbsent(dir.toString(), d -> {
      Engines.init(new EngineOptions(42, settings.threads()));
      return FaceApiModels.loadAll(dir);
    });
  }

  /** How many model sets this JVM has loaded (one per distinct weights folder). */
  static int loaded() {
    return MODELS.size();
  }

  /** The executor's opened run of {@link PredictSettings#run()}, opened on first use. */
  static TrainedModel run(PredictSettings settings) {
    Path dir = runDir(settings.run());
    return RUNS.computeIfAbsent(dir.toString(), d -> {
      Engines.init(new EngineOptions(42, settings.threads()));
      return TrainedModel.open(dir);
    });
  }

  /**
   * The run of {@link PredictSettings#run()} as the classifier on the settings' engine, made once
   * per executor: an ONNX Runtime session is exported and opened once, not per partition.
   */
  static BlockExpressionClassifier classifier(PredictSettings settings) {
    TrainedModel run = run(settings);
    return CLASSIFIERS.computeIfAbsent(runDir(settings.run()) + "@" + settings.engine().id(),
        key -> BlockExpressionClassifier.of(run).onEngine(settings.engine(), settings.threads()));
  }

  /** How many trained runs this JVM has opened. */
  static int runsOpened() {
    return RUNS.size();
  }

  /**
   * Where a run is on this JVM: the path itself when it is a folder here (a shared file system),
   * else the folder Spark unpacked {@code --archives run.zip#NAME} into ({@code SparkFiles.get}),
   * else the executor's working directory, where YARN unpacks archives.
   */
  static Path runDir(String run) {
    Path given = Path.of(run);
    if (Files.isDirectory(given)) {
      return given;
    }
    Path shipped = Path.of(SparkFiles.get(run));
    if (Files.isDirectory(shipped)) {
      return shipped;
    }
    throw FerException.notFound("trained run '" + run + "' is neither a folder on this machine nor shipped with"
        + " spark-submit --archives RUN.zip#" + run + " (looked in " + given.toAbsolutePath() + " and " + shipped + ")");
  }

  // A shared path when given; else the folder where spark-submit --files put the weight files.
  static Path weightsDir(PredictSettings settings) {
    if (settings.weights() != null) {
      return Path.of(settings.weights());
    }
    Path shipped = Path.of(SparkFiles.getRootDirectory());
    if (!Files.isRegularFile(shipped.resolve("tiny_face_detector_model-weights_manifest.json"))) {
      throw new FerException(FerException.Kind.ENVIRONMENT, "no --weights folder given and the face-api"
          + " weight files were not shipped with spark-submit --files (looked in " + shipped + ")");
    }
    return shipped;
  }
}

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

/**
 * One set of face-api networks per executor JVM, shared by every partition (task) that runs
 * there: loading the weights once per executor instead of once per partition, and {@link
 * org.fer4j.predict.ExpressionPredictor} is thread-safe over shared models. The networks are
 * closed when the executor JVM exits.
 */
final class ExecutorModels {
  private static final Map<String, FaceApiModels> MODELS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> MODELS.values().forEach(FaceApiModels::close)));
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

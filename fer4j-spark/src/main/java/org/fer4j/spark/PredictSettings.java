package org.fer4j.spark;

import java.io.Serializable;
import org.fer4j.FerException;
import org.fer4j.engine.InferenceEngine;

/**
 * What each executor needs to build its predictor; shipped to executors with the task.
 *
 * @param weights face-api {@code model/} folder as seen from the executors (a shared path), or
 *     null for the folder Spark's {@code --files} shipped the weight files to
 * @param detector {@code tiny} or {@code ssd}
 * @param inputSize tiny detector input side (multiple of 32)
 * @param minScore minimum face score
 * @param ageGender whether to run the age/gender net
 * @param batch images per predictor batch
 * @param threads PyTorch threads per executor JVM (0 = all cores; with several task slots per
 *     executor, 1 avoids oversubscription)
 * @param run a trained fer4j run as the expression classifier, or null for face-api's net: a
 *     folder path the executors see (shared), or the name an archive of the run folder was
 *     shipped under ({@code spark-submit --archives run.zip#NAME}); see {@link ExecutorModels#runDir}
 * @param engine what runs the networks' forward passes on the executors
 */
public record PredictSettings(
    String weights, String detector, int inputSize, double minScore, boolean ageGender, int batch, int threads,
    String run, InferenceEngine engine)
    implements Serializable {
  public PredictSettings {
    java.util.Objects.requireNonNull(engine, "engine");
    if (!detector.equals("tiny") && !detector.equals("ssd")) {
      throw FerException.badInput("detector must be tiny or ssd, was '" + detector + "'");
    }
    if (batch < 1 || threads < 0) {
      throw FerException.badInput("batch must be >= 1 and threads >= 0, were " + batch + " and " + threads);
    }
  }

  /** Settings with face-api's expression net as the classifier. */
  public PredictSettings(
      String weights, String detector, int inputSize, double minScore, boolean ageGender, int batch, int threads) {
    this(weights, detector, inputSize, minScore, ageGender, batch, threads, null);
  }

  /** Settings on the default engine ({@link InferenceEngine#DEFAULT}). */
  public PredictSettings(
      String weights, String detector, int inputSize, double minScore, boolean ageGender, int batch, int threads,
      String run) {
    this(weights, detector, inputSize, minScore, ageGender, batch, threads, run, InferenceEngine.DEFAULT);
  }

  /** The same settings on another engine. */
  public PredictSettings withEngine(InferenceEngine other) {
    return new PredictSettings(weights, detector, inputSize, minScore, ageGender, batch, threads, run, other);
  }

  /** The same settings with a trained run (see {@link #run()}) as the classifier. */
  public PredictSettings withRun(String runDir) {
    return new PredictSettings(weights, detector, inputSize, minScore, ageGender, batch, threads, runDir, engine);
  }

  /** Defaults of {@code fer predict}: tiny detector at 416, score 0.5, age/gender on, batch 8. */
  public static PredictSettings defaults(String weights) {
    return new PredictSettings(weights, "tiny", 416, 0.5, true, 8, 0);
  }
}

package org.fer4j.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.fer4j.FerException;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.predict.BlockExpressionClassifier;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.PretrainedClassifier;

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
 * @param classifier the pretrained expression net when there is no run: {@code faceapi}, {@code
 *     fer2013} or {@code ensemble} ({@link PretrainedClassifier})
 * @param humanModels Human's models folder as the executors see it, for {@code fer2013} and {@code
 *     ensemble}; null for the executor's cache
 * @param engine what runs the networks' forward passes on the executors
 */
public record PredictSettings(
    String weights, String detector, int inputSize, double minScore, boolean ageGender, int batch, int threads,
    String run, String classifier, String humanModels, InferenceEngine engine)
    implements Serializable {
  public PredictSettings {
    java.util.Objects.requireNonNull(engine, "engine");
    ExpressionPredictor.Detector.parse(detector);
    if (batch < 1 || threads < 0) {
      throw FerException.badInput("batch must be >= 1 and threads >= 0, were " + batch + " and " + threads);
    }
    classifier = classifier == null ? PretrainedClassifier.FACEAPI.id() : classifier;
    PretrainedClassifier choice = PretrainedClassifier.parse(classifier);
    if (run != null && choice != PretrainedClassifier.FACEAPI) {
      throw FerException.badInput("--classifier " + classifier + " and --run both choose the classifier; give one");
    }
  }

  /** Settings with face-api's expression net as the classifier. */
  public PredictSettings(
      String weights, String detector, int inputSize, double minScore, boolean ageGender, int batch, int threads) {
    this(weights, detector, inputSize, minScore, ageGender, batch, threads, null, null, null, InferenceEngine.DEFAULT);
  }

  /** Settings on the default engine ({@link InferenceEngine#DEFAULT}). */
  public PredictSettings(
      String weights, String detector, int inputSize, double minScore, boolean ageGender, int batch, int threads,
      String run) {
    this(weights, detector, inputSize, minScore, ageGender, batch, threads, run, null, null, InferenceEngine.DEFAULT);
  }

  /** The same settings on another engine. */
  public PredictSettings withEngine(InferenceEngine other) {
    return new PredictSettings(weights, detector, inputSize, minScore, ageGender, batch, threads, run, classifier,
        humanModels, other);
  }

  /** The same settings with a trained run (see {@link #run()}) as the classifier. */
  public PredictSettings withRun(String runDir) {
    return new PredictSettings(weights, detector, inputSize, minScore, ageGender, batch, threads, runDir, classifier,
        humanModels, engine);
  }

  /** The same settings with a pretrained classifier (see {@link #classifier()}). */
  public PredictSettings withClassifier(String name, String humanModelsDir) {
    return new PredictSettings(weights, detector, inputSize, minScore, ageGender, batch, threads, run, name,
        humanModelsDir, engine);
  }

  /** The predictor these settings describe, over the executor's shared networks and run. */
  ExpressionPredictor.Builder builder() {
    ExpressionPredictor.Builder b = ExpressionPredictor.builder().setModels(ExecutorModels.get(this))
        .optDetector(ExpressionPredictor.Detector.parse(detector)).optInputSize(inputSize).optMinScore(minScore)
        .optAgeGender(ageGender).optBatchSize(batch).optEngine(engine);
    if (run != null) {
      return b.optClassifier(ExecutorModels.classifier(this));
    }
    return b.optClassifier(PretrainedClassifier.parse(classifier), humanModels == null ? null : Path.of(humanModels));
  }

  /** Defaults of {@code fer predict}: tiny detector at 416, score 0.5, age/gender on, batch 8. */
  public static PredictSettings defaults(String weights) {
    return new PredictSettings(weights, "tiny", 416, 0.5, true, 8, 0);
  }
}

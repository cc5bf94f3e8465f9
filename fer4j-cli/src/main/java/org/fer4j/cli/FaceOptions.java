package org.fer4j.cli;

import java.nio.file.Path;
import org.fer4j.FerException;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanPackage;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.PretrainedClassifier;
import picocli.CommandLine.Option;

/**
 * The face pipeline's flags, shared by {@code predict}, {@code serve} and {@code spark predict}:
 * where the weights are, which detector at which size and score, and which pretrained expression
 * net. Each flag is parsed here, once.
 */
public final class FaceOptions {
  @Option(names = "--weights", paramLabel = "DIR", description = "face-api model/ folder (default: the cache).")
  Path weights;

  @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: $FER4J_CACHE or ~/.cache/fer4j).")
  Path cache;

  @Option(names = "--detector", defaultValue = "tiny", description = "tiny or ssd (default: ${DEFAULT-VALUE}).")
  String detector;

  @Option(names = "--input-size", defaultValue = "416", description = "Tiny detector input side, multiple of 32 (default: ${DEFAULT-VALUE}).")
  int inputSize;

  @Option(names = "--min-score", defaultValue = "0.5", description = "Minimum face score (default: ${DEFAULT-VALUE}).")
  double minScore;

  @Option(names = "--classifier", paramLabel = "faceapi|fer2013|ensemble", defaultValue = "faceapi", description =
      "Pretrained expression net: faceapi, fer2013 (Human's FER2013 mini-Xception; needs './fer models pull human')"
      + " or ensemble (the mean of both nets' probabilities in fer4j's classes); outputs name it as \"classifier\""
      + " (default: ${DEFAULT-VALUE}).")
  String classifier;

  private Path weightsDir;

  /** {@code --detector}; anything but tiny or ssd is an error naming the flag. */
  public ExpressionPredictor.Detector detector() {
    return ExpressionPredictor.Detector.parse(detector);
  }

  /** {@code --classifier}. */
  public PretrainedClassifier classifier() {
    return PretrainedClassifier.parse(classifier);
  }

  /** The {@code --classifier} text as given (for messages). */
  public String classifierName() {
    return classifier;
  }

  /** A trained run is its own classifier: {@code --classifier} other than the default is then an error. */
  public void requireDefaultClassifier(String runFlag) {
    if (classifier() != PretrainedClassifier.FACEAPI) {
      throw FerException.badInput("--classifier " + classifier + " and " + runFlag
          + " both choose the classifier; give one");
    }
  }

  /** {@code --input-size}. */
  public int inputSize() {
    return inputSize;
  }

  /** {@code --min-score}. */
  public double minScore() {
    return minScore;
  }

  /** The face-api weights folder, from {@code --weights}, {@code --cache} or the default cache. */
  public Path weightsDir() {
    if (weightsDir == null) {
      weightsDir = FaceApiPackage.resolveWeights(weights, cache);
    }
    return weightsDir;
  }

  /** Human's models folder when {@code --classifier} needs it, else null. */
  public Path humanModels() {
    return classifier().needsHuman() ? HumanPackage.resolveModels(null, cache) : null;
  }

  /**
   * Checks every flag and finds the weights (and Human's models when the classifier needs them), so
   * a wrong flag or a missing download fails before the engine starts.
   */
  public void check() {
    detector();
    humanModels();
    weightsDir();
  }

  /**
   * A predictor builder with these weights, detector, size, score and pretrained classifier; the
   * caller adds its own options (a run's classifier replaces the pretrained one).
   */
  public ExpressionPredictor.Builder builder() {
    Path human = humanModels(); // its missing download is the error to show first, as check() does
    return ExpressionPredictor.builder().setWeights(weightsDir()).optDetector(detector()).optInputSize(inputSize)
        .optMinScore(minScore).optClassifier(classifier(), human);
  }
}

package org.fer4j.predict;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fer4j.FerException;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.human.HumanModels;
import org.fer4j.face.human.HumanPackage;

/**
 * The pretrained expression classifiers fer4j ships loaders for ({@code --classifier}); each
 * reports fer4j's canonical seven classes.
 */
public enum PretrainedClassifier {
  /** face-api's expression net on its landmark-aligned crop (the default). */
  FACEAPI,
  /** Human's FER2013 mini-Xception on a 64x64 grey face ({@link HumanEmotionClassifier}). */
  FER2013,
  /** The mean of the two nets' probabilities, class by class. */
  ENSEMBLE;

  /** The name on the command line and in the output. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code faceapi}, {@code fer2013} or {@code ensemble}; anything else is an error naming the choices. */
  public static PretrainedClassifier parse(String value) {
    for (PretrainedClassifier c : values()) {
      if (c.id().equals(value.toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw FerException.badInput("--classifier: unknown classifier '" + value + "'; choose faceapi, fer2013 or ensemble");
  }

  /** Whether this needs Human's networks ({@code ./fer models pull human}). */
  public boolean needsHuman() {
    return this != FACEAPI;
  }

  /** Loads Human's networks from {@code dir} (null: the cache) when this needs them, else null. */
  HumanModels loadHuman(Path dir) {
    return needsHuman() ? HumanModels.load(HumanPackage.resolveModels(dir, null)) : null;
  }

  /**
   * The classifier itself over already loaded networks; face-api's net runs on {@code engine},
   * Human's graph always on DJL (the exporter has no converter for TF.js graph models).
   */
  ExpressionClassifier create(FaceApiModels faceApi, HumanModels human, InferenceEngine engine) {
    return switch (this) {
      case FACEAPI -> new FaceApiExpressionClassifier(faceApi, engine);
      case FER2013 -> new HumanEmotionClassifier(human);
      case ENSEMBLE -> new EnsembleClassifier(
          List.of(new FaceApiExpressionClassifier(faceApi, engine), new HumanEmotionClassifier(human)));
    };
  }
}

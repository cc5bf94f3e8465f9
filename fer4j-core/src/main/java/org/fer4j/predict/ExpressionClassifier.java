package org.fer4j.predict;

import java.util.List;
import org.fer4j.data.LabelSpace;

/**
 * Turns faces into expression probabilities. The pretrained face-api expression net is the
 * default ({@link FaceApiExpressionClassifier}); a trained fer4j model plugs in by
 * implementing this (crop or align each {@link FaceInput} with
 * {@link org.fer4j.face.Alignment} to the model's template and input size, run one batch).
 *
 * <p>Implementations must be thread-safe: {@link ExpressionPredictor} calls them from many
 * threads at once.
 */
public interface ExpressionClassifier {
  /** The classes, in the order of the returned probability vectors. */
  LabelSpace labels();

  /**
   * Probabilities for every face, in one batch.
   *
   * @return one vector of {@code labels().size()} probabilities per face, in input order
   */
  List<float[]> classify(List<FaceInput> faces);
}

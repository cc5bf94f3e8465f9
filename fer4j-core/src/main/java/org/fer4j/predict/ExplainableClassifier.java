package org.fer4j.predict;

import java.util.List;
import org.fer4j.explain.CamMethod;

/**
 * An expression classifier that can also explain its decisions with a class activation map
 * ({@link org.fer4j.explain.GradientCam}): both fer4j models ({@link BlockExpressionClassifier})
 * and face-api's expression net ({@link FaceApiExpressionClassifier}) can.
 */
public interface ExplainableClassifier extends ExpressionClassifier {
  /**
   * The map of each face's top class, on the face as this classifier sees it; one backward pass
   * per batch. Thread-safe (explanations are serialised process-wide, see {@code GradientCam}).
   *
   * @return one explanation per face, in input order
   */
  List<FaceExplanation> explain(List<FaceInput> faces, CamMethod method);
}

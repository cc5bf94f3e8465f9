package org.fer4j.predict.video;

import java.util.List;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.ImageResult;

/**
 * Per-frame face analysis the video pipeline calls on each batch of frames. {@link
 * ExpressionPredictor} is the one to use; the interface lets the tracker and the video plumbing
 * be tested and reused with other detectors.
 */
public interface FrameAnalyzer {
  /** Names of the probabilities in each face's {@code expressions}. */
  LabelSpace labels();

  /** One result per image, in order; see {@link ExpressionPredictor#predict}. */
  List<ImageResult> analyze(List<RgbImage> images, List<String> sources);

  /** The face-api pipeline (detector, landmarks, any static expression classifier). */
  static FrameAnalyzer of(ExpressionPredictor predictor) {
    return new FrameAnalyzer() {
      @Override
      public LabelSpace labels() {
        return predictor.labels();
      }

      @Override
      public List<ImageResult> analyze(List<RgbImage> images, List<String> sources) {
        return predictor.predict(images, sources);
      }
    };
  }
}

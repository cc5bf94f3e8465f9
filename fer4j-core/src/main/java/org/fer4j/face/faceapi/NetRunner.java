package org.fer4j.face.faceapi;

import java.util.List;
import org.fer4j.face.RgbImage;

/**
 * One face-api net's forward pass on a batch of same-size square images (0..255 RGB), on
 * whichever engine {@link FaceApiModels#runner} chose: every output copied to a Java array,
 * batch-major (NCHW order for 4-d outputs), as {@link FaceApiModels#run} returns them.
 */
@FunctionalInterface
public interface NetRunner {
  float[][] run(List<RgbImage> images);
}

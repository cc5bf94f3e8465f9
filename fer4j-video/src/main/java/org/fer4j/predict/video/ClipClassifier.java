package org.fer4j.predict.video;

import java.util.List;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;

/**
 * A dynamic (clip) expression model: probabilities for a window of a track's face crops, e.g.
 * GCSA-ResNet-18 on 16 frames of 112x112 (see {@link BlockClipClassifier}).
 */
public interface ClipClassifier {
  LabelSpace labels();

  /** Frames per clip (16 for GCSA-ResNet-18). */
  int frames();

  /** Side of the square face crop the model takes (112 for GCSA-ResNet-18). */
  int size();

  /**
   * Classifies clips in one batch.
   *
   * @param clips each a list of {@link #frames()} crops of {@link #size()} squared, oldest first
   * @return probabilities per clip, in {@link #labels()} order
   */
  List<float[]> classify(List<List<RgbImage>> clips);
}

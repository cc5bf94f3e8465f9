package org.fer4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.engine.Engines;
import org.fer4j.face.Alignment;
import org.fer4j.face.RgbImage;
import org.fer4j.data.PreprocessConfig;
import org.junit.jupiter.api.Test;

/** A fer4j block as the expression classifier: alignment, normalisation, batching, softmax. */
class BlockExpressionClassifierTest {
  @Test
  void alignsNormalisesAndSoftmaxesPerFace() {
    Engines.init();
    // logits = per-channel means of the normalised input (R, G)
    LambdaBlock meanBlock = new LambdaBlock(list -> {
      NDArray x = list.singletonOrThrow();
      NDArray means = x.mean(new int[] {3}).mean(new int[] {2});
      return new NDList(means.get(":, 0:2"));
    });
    PreprocessConfig pre = new PreprocessConfig(56, 56, 3, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, 1);
    LabelSpace two = new LabelSpace("two", List.of("red", "green"), false);
    BlockExpressionClassifier classifier =
        new BlockExpressionClassifier(meanBlock, pre, two, Alignment.Template.ARCFACE_112);
    // a 400x400 pure red image; landmarks put the face in the middle so the crop stays inside
    float[] data = new float[400 * 400 * 3];
    for (int i = 0; i < 400 * 400; i++) {
      data[3 * i] = 255;
    }
    RgbImage red = new RgbImage(400, 400, data);
    // the five template points at twice their size, shifted to (100, 100): inside the image
    float[] t = Alignment.Template.ARCFACE_112.points();
    float[] pts = new float[136];
    int[][] groups = {{36, 42}, {42, 48}, {30, 31}, {48, 49}, {54, 55}};
    for (int g = 0; g < 5; g++) {
      for (int i = groups[g][0]; i < groups[g][1]; i++) {
        pts[2 * i] = 100 + 2 * t[2 * g];
        pts[2 * i + 1] = 100 + 2 * t[2 * g + 1];
      }
    }
    FaceInput face = new FaceInput(red, new FaceBox(100, 100, 200, 200), pts, new FaceBox(100, 100, 200, 200));
    List<float[]> probs = classifier.classify(List.of(face, face));
    // normalised red = (1 - 0.5) / 0.5 = 1, green = -1 -> softmax(1, -1)
    double pRed = Math.exp(1) / (Math.exp(1) + Math.exp(-1));
    assertThat(probs).hasSize(2);
    assertThat(probs.get(1)[0]).isCloseTo((float) pRed, within(1e-4f));
    assertThat(classifier.labels().classes()).containsExactly("red", "green");
  }
}

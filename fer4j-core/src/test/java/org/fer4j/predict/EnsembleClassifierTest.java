package org.fer4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

/** The ensemble averages its members class by class and refuses members with other classes. */
class EnsembleClassifierTest {
  private static ExpressionClassifier fixed(LabelSpace labels, float[]... perFace) {
    return new ExpressionClassifier() {
      @Override
      public LabelSpace labels() {
        return labels;
      }

      @Override
      public List<float[]> classify(List<FaceInput> faces) {
        return new ArrayList<>(List.of(perFace).subList(0, faces.size()));
      }
    };
  }

  @Test
  void averagesTheMembersProbabilitiesClassByClass() {
    LabelSpace three = new LabelSpace("t", List.of("a", "b", "c"), false);
    var ensemble = new EnsembleClassifier(List.of(
        fixed(three, new float[] {1, 0, 0}, new float[] {0.2f, 0.2f, 0.6f}),
        fixed(three, new float[] {0, 0.5f, 0.5f}, new float[] {0.4f, 0.4f, 0.2f})));
    List<float[]> out = ensemble.classify(List.of(
        new FaceInput(null, null, null, null), new FaceInput(null, null, null, null)));
    assertThat(out.get(0)).containsExactly(new float[] {0.5f, 0.25f, 0.25f}, within(1e-6f));
    assertThat(out.get(1)).containsExactly(new float[] {0.3f, 0.3f, 0.4f}, within(1e-6f));
  }

  @Test
  void membersWithDifferentClassesAreRefused() {
    LabelSpace three = new LabelSpace("t", List.of("a", "b", "c"), false);
    LabelSpace other = new LabelSpace("o", List.of("a", "c", "b"), false);
    assertThatThrownBy(() -> new EnsembleClassifier(List.of(fixed(three), fixed(other))))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("disagree on the classes");
  }

  @Test
  void classifierNamesParseAndUnknownOnesAreExplained() {
    assertThat(PretrainedClassifier.parse("FER2013")).isEqualTo(PretrainedClassifier.FER2013);
    assertThat(PretrainedClassifier.parse("ensemble").needsHuman()).isTrue();
    assertThatThrownBy(() -> PretrainedClassifier.parse("vgg"))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("'vgg'")
        .hasMessageContaining("faceapi, fer2013 or ensemble");
  }
}

package org.fer4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;

class LabelMappingTest {
  private static Sample s(String id, int label) {
    return Sample.image(id, new ImageRef.File(Path.of(id + ".jpg")), label, "test");
  }

  @Test
  void fedRoClassesMapByNameIntoAnEightClassModel() {
    // FED-RO is read in the canonical 7-class order; an 8-class model adds Contempt at the end.
    LabelMapping m = LabelMapping.between(LabelSpace.EXPRESSION_7, LabelSpace.EXPRESSION_8);
    assertThat(m.isIdentity()).isFalse();
    for (int i = 0; i < 7; i++) {
      assertThat(m.toModel(i)).isEqualTo(i);
    }
    assertThat(LabelMapping.between(LabelSpace.EXPRESSION_7, LabelSpace.EXPRESSION_7).isIdentity()).isTrue();
  }

  @Test
  void reorderedClassesAreRemappedAndSamplesRelabelled() {
    LabelSpace data = new LabelSpace("two", List.of("anger", "HAPPINESS"), false);
    LabelMapping m = LabelMapping.between(data, LabelSpace.EXPRESSION_7);
    assertThat(m.toModel(0)).isEqualTo(5); // Anger
    assertThat(m.toModel(1)).isEqualTo(3); // Happiness
    List<Sample> out = m.apply(List.of(s("a", 0), s("b", 1), s("c", -1)));
    assertThat(out).extracting(Sample::label).containsExactly(5, 3, -1);
    assertThat(out).extracting(Sample::id).containsExactly("a", "b", "c");
  }

  @Test
  void aClassTheModelLacksIsAClearError() {
    assertThatThrownBy(() -> LabelMapping.between(LabelSpace.EXPRESSION_8, LabelSpace.EXPRESSION_7))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("the model has no class [Contempt]")
        .hasMessageContaining("Surprise");
    assertThatThrownBy(() -> LabelMapping.between(LabelSpace.CELEBA_40, LabelSpace.EXPRESSION_7))
        .isInstanceOf(FerException.class).hasMessageContaining("different kinds");
  }
}

package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;

class SubjectFoldsTest {
  private static List<Sample> samples(int... perSubject) {
    List<Sample> out = new ArrayList<>();
    for (int s = 0; s < perSubject.length; s++) {
      for (int i = 0; i < perSubject[s]; i++) {
        out.add(new Sample("S" + s + "_" + i, List.of(new ImageRef.File(Path.of("x.png"))), 0,
            null, Float.NaN, null, "all", "S" + s));
      }
    }
    return out;
  }

  @Test
  void keepsSubjectsTogetherAndBalancesFoldSizes() {
    // Six subjects with 3 samples each into 3 folds: every fold gets two subjects, 6 samples.
    List<Sample> samples = samples(3, 3, 3, 3, 3, 3);

    int[] fold = SubjectFolds.assign(samples, 3, 1L);

    int[] size = new int[3];
    for (int i = 0; i < fold.length; i++) {
      size[fold[i]]++;
      assertThat(fold[i]).isEqualTo(fold[i - i % 3]); // same fold as the subject's first sample
    }
    assertThat(size).containsExactly(6, 6, 6);
    assertThat(SubjectFolds.assign(samples, 3, 1L)).isEqualTo(fold);
  }

  @Test
  void refusesMoreFoldsThanSubjects() {
    assertThatThrownBy(() -> SubjectFolds.assign(samples(2, 2), 3, 0L))
        .isInstanceOf(FerException.class)
        .hasMessage("cannot make 3 subject-independent folds from 2 subjects; use 2..2 folds");
  }
}

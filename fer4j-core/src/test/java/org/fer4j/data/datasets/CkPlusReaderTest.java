package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CkPlusReaderTest {
  @TempDir Path root;

  private void sequence(String subject, String seq, int frames, String emotion) {
    for (int f = 1; f <= frames; f++) {
      Fixtures.image(root, String.format("cohn-kanade-images/%s/%s/%s_%s_%08d.png",
          subject, seq, subject, seq, f));
    }
    if (emotion != null) {
      Fixtures.text(root, String.format("Emotion/%s/%s/%s_%s_%08d_emotion.txt",
          subject, seq, subject, seq, frames), emotion);
    }
  }

  @BeforeEach
  void writeFixture() {
    sequence("S005", "001", 5, "   3.0000000e+00");
    sequence("S010", "002", 4, "   5.0000000e+00");
    sequence("S010", "003", 6, null);
    sequence("S011", "001", 5, "   2.0000000e+00");
    sequence("S011", "004", 5, "   9.0000000e+00");
    sequence("S014", "001", 2, "   7.0000000e+00");
    sequence("S022", "001", 4, "   1.0000000e+00");
  }

  @Test
  void labelsTheLastThreeFramesAndKeepsTheSubject() {
    ReaderOptions one = ReaderOptions.builder().optSetting("folds", "2").optSetting("fold", "1")
        .build();

    DatasetIndex index = DatasetReaders.read("ckplus", root, one);

    List<Sample> all = new java.util.ArrayList<>(index.split("train"));
    all.addAll(index.split("test"));
    assertThat(all).hasSize(12); // 4 usable sequences x 3 frames
    Sample disgust = all.stream().filter(s -> s.id().equals("S005_001_00000003")).findFirst()
        .orElseThrow();
    assertThat(index.labels().nameOf(disgust.label())).isEqualTo("Disgust"); // CK+ 3
    assertThat(disgust.subject()).isEqualTo("S005");
    assertThat(all).extracting(Sample::id).doesNotContain("S005_001_00000002");
    assertThat(all).filteredOn(s -> s.subject().equals("S011"))
        .extracting(s -> index.labels().nameOf(s.label())).containsOnly("Contempt");
  }

  @Test
  void reportsUnlabelledShortAndUnknownSequences() {
    ReaderOptions fourFolds = ReaderOptions.builder().optSetting("folds", "4").build();

    DatasetIndex index = DatasetReaders.read("ckplus", root, fourFolds);

    Path e9 = root.resolve("Emotion/S011/004/S011_004_00000005_emotion.txt");
    Path e7 = root.resolve("Emotion/S014/001/S014_001_00000002_emotion.txt");
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        e9 + ":1: unknown label: '9' (valid: 0, 1, 2, 3, 4, 5, 6, 7)",
        e7 + ":1: sequence too short: cohn-kanade-images/S014/001 has 2 frames, needs 3");
    assertThat(index.excluded()).extracting(Problem::message).containsExactly(
        root.resolve("cohn-kanade-images/S010/003") + ": sequence has no emotion label (CK+"
            + " labels 327 of 593)");
  }

  @Test
  void neutralFirstFrameAndSubjectIndependentFolds() {
    ReaderOptions opts = ReaderOptions.builder().optSetting("neutral", "first")
        .optSetting("folds", "4").build();

    DatasetIndex index = DatasetReaders.read("ckplus", root, opts);

    assertThat(index.foldCount()).isEqualTo(4);
    for (int k = 1; k <= 4; k++) {
      DatasetIndex fold = index.fold(k);
      Set<String> trainSubjects = new HashSet<>();
      fold.split("train").forEach(s -> trainSubjects.add(s.subject()));
      fold.split("test").forEach(s -> assertThat(trainSubjects).doesNotContain(s.subject()));
      assertThat(fold.split("train").size() + fold.split("test").size()).isEqualTo(16);
      // 4 subjects (S005, S010, S011, S022), 4 images each: one subject per test fold.
      assertThat(fold.split("test")).hasSize(4);
    }
    Sample first = index.split("fold1/train").stream()
        .filter(s -> s.id().endsWith("_00000001")).findFirst().orElseThrow();
    assertThat(index.labels().nameOf(first.label())).isEqualTo("Neutral");
  }
}

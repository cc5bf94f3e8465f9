package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.fer4j.FerException;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FedRoReaderTest {
  @TempDir Path root;

  @BeforeEach
  void writeImages() {
    Fixtures.image(root, "neural/n1.jpg");
    Fixtures.image(root, "happy/h1.jpg");
    Fixtures.image(root, "anger/a1.png");
    Fixtures.image(root, "contempt/c1.jpg");
  }

  @Test
  void readsTheListFileIntoATestSplit() {
    Path list = Fixtures.text(root, "occlusion_emotion_list.txt", "neural/n1.jpg",
        "happy/h1.jpg", "anger/a1.png", "sad/missing.jpg", "noslash.jpg", "contempt/c1.jpg");

    DatasetIndex index = DatasetReaders.read("fedro", root, ReaderOptions.defaults());

    assertThat(index.splitNames()).containsExactly("test");
    assertThat(index.split("test")).extracting(s -> index.labels().nameOf(s.label()))
        .containsExactly("Neutral", "Happiness", "Anger");
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        list + ":4: image not found: sad/missing.jpg",
        list + ":5: malformed line: expected 'emotion/name.jpg', got 'noslash.jpg'",
        list + ":6: unknown label: 'contempt' (valid: neural, neutral, happy, sad, surprise,"
            + " fear, disgust, anger)");
  }

  @Test
  void withoutAListReadsTheClassFolders() {
    DatasetIndex index = DatasetReaders.read("fedro", root, ReaderOptions.defaults());

    assertThat(index.split("test")).extracting(Sample::id)
        .containsExactly("anger/a1.png", "happy/h1.jpg", "neural/n1.jpg");
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        root.resolve("contempt") + ": unknown label: 'contempt' (valid: neural, neutral, happy,"
            + " sad, surprise, fear, disgust, anger)");
  }

  @Test
  void severalListFilesNeedAChoice() {
    Fixtures.text(root, "a.txt", "happy/h1.jpg");
    Fixtures.text(root, "b.txt", "neural/n1.jpg");

    assertThatThrownBy(() -> DatasetReaders.read("fedro", root, ReaderOptions.defaults()))
        .isInstanceOf(FerException.class)
        .hasMessageEndingWith("holds several .txt files [a.txt, b.txt]; choose the list with"
            + " --set list=NAME");
    ReaderOptions pick = ReaderOptions.builder().optSetting("list", "b.txt").build();
    assertThat(DatasetReaders.read("fedro", root, pick).split("test")).hasSize(1);
  }
}

package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SfewReaderTest {
  @TempDir Path root;

  @Test
  void readsTrainAndValClassFoldersAndNotesTheUnlabelledTest() {
    Fixtures.image(root, "Train/Angry/a.png");
    Fixtures.image(root, "Train/Happy/h1.png");
    Fixtures.image(root, "Train/Happy/h2.png");
    Fixtures.image(root, "Train/Bored/b.png");
    Fixtures.image(root, "Val/Val_Aligned_Faces/Sad/s.png");
    Fixtures.image(root, "Test/t1.png");

    DatasetIndex index = DatasetReaders.read("sfew", root, ReaderOptions.defaults());

    assertThat(index.splitNames()).containsExactly("train", "val");
    assertThat(index.split("train")).extracting(s -> index.labels().nameOf(s.label()))
        .containsExactly("Anger", "Happiness", "Happiness");
    assertThat(index.split("val")).extracting(s -> index.labels().nameOf(s.label()))
        .containsExactly("Sadness");
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        root.resolve("Train/Bored") + ": unknown label: 'Bored' (valid: Angry, Disgust, Fear,"
            + " Happy, Neutral, Sad, Surprise)");
    assertThat(index.excluded()).extracting(Problem::message).containsExactly(
        root.resolve("Test") + ": no class folders (SFEW test labels were never released)");
  }
}

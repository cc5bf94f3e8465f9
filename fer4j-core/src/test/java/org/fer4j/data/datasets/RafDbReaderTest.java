package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RafDbReaderTest {
  @TempDir Path root;
  Path list;

  @BeforeEach
  void writeFixture() {
    list = Fixtures.text(root, "basic/EmoLabel/list_patition_label.txt",
        "train_00001.jpg 4",
        "train_00002.jpg 1",
        "train_00003.jpg",
        "train_00004.jpg 9",
        "test_00001.jpg 7",
        "test_00002.jpg 5",
        "val_00001.jpg 2",
        "");
    for (String name : List.of("train_00001", "train_00002", "train_00003", "train_00004",
        "test_00001", "val_00001")) {
      Fixtures.image(root, "basic/Image/aligned/" + name + "_aligned.jpg");
      Fixtures.image(root, "basic/Image/original/" + name + ".jpg");
    }
  }

  @Test
  void readsSplitsAndMapsLabelsThroughTheRafDbTable() {
    DatasetIndex index = DatasetReaders.read("rafdb", root, ReaderOptions.defaults());

    assertThat(index.splitNames()).containsExactly("train", "test");
    assertThat(index.split("train")).extracting(Sample::id)
        .containsExactly("train_00001", "train_00002");
    assertThat(index.split("test")).extracting(Sample::id).containsExactly("test_00001");
    Sample happy = index.split("train").get(0);
    assertThat(index.labels().nameOf(happy.label())).isEqualTo("Happiness"); // RAF-DB 4
    assertThat(index.labels().nameOf(index.split("train").get(1).label())).isEqualTo("Surprise");
    assertThat(index.labels().nameOf(index.split("test").get(0).label())).isEqualTo("Neutral");
    assertThat(((ImageRef.File) happy.image()).path())
        .isEqualTo(root.resolve("basic/Image/aligned/train_00001_aligned.jpg"));
    assertThat(index.classCounts("train")).containsExactly(1, 0, 0, 1, 0, 0, 0);
  }

  @Test
  void reportsEachBadLineWithFileAndLine() {
    DatasetIndex index = DatasetReaders.read("rafdb", root, ReaderOptions.defaults());

    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        list + ":3: malformed line: expected 'NAME.jpg LABEL', got 'train_00003.jpg'",
        list + ":4: unknown label: '9' (valid: 1, 2, 3, 4, 5, 6, 7)",
        list + ":6: image not found: basic/Image/aligned/test_00002_aligned.jpg",
        list + ":7: malformed line: image name 'val_00001.jpg' starts with neither train_ nor"
            + " test_");
    assertThat(index.excluded()).isEmpty();
  }

  @Test
  void strictStopsAtTheFirstProblem() {
    ReaderOptions strict = ReaderOptions.builder().optStrict(true).build();

    assertThatThrownBy(() -> DatasetReaders.read("rafdb", root, strict))
        .isInstanceOf(FerException.class)
        .hasMessage("RAF-DB: " + list + ":3: malformed line: expected 'NAME.jpg LABEL', got"
            + " 'train_00003.jpg' (strict mode stops at the first problem; fix it, or run without"
            + " --strict to skip such rows and count them)");
  }

  @Test
  void originalImagesOptionUsesTheUnalignedFolder() {
    ReaderOptions original = ReaderOptions.builder().optSetting("images", "original").build();

    DatasetIndex index = DatasetReaders.read("rafdb", root.resolve("basic"), original);

    assertThat(((ImageRef.File) index.split("test").get(0).image()).path())
        .isEqualTo(root.resolve("basic/Image/original/test_00001.jpg"));
    assertThat(index.settings()).containsEntry("images", "original");
  }

  @Test
  void checkImagesFindsAFileThatDoesNotDecode() {
    Fixtures.bytes(root, "basic/Image/aligned/train_00002_aligned.jpg", new byte[] {1, 2, 3});
    ReaderOptions check = ReaderOptions.builder().optCheckImages(true).build();

    DatasetIndex lenient = DatasetReaders.read("rafdb", root, ReaderOptions.defaults());
    DatasetIndex checked = DatasetReaders.read("rafdb", root, check);

    assertThat(lenient.split("train")).hasSize(2);
    assertThat(checked.split("train")).extracting(Sample::id).containsExactly("train_00001");
    assertThat(checked.errors()).filteredOn(p -> p.kind() == Problem.Kind.UNREADABLE_IMAGE)
        .extracting(Problem::message).containsExactly(list + ":2: image does not decode:"
            + " basic/Image/aligned/train_00002_aligned.jpg (not a JPEG, PNG or BMP image)");
  }

  @Test
  void missingLabelFileNamesWhatWasLookedFor() {
    assertThatThrownBy(() -> DatasetReaders.read("rafdb", root.resolve("basic/Image"),
        ReaderOptions.defaults()))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("cannot find the label list EmoLabel/list_patition_label.txt")
        .hasMessageContaining("basic/EmoLabel/list_patition_label.txt");
  }
}

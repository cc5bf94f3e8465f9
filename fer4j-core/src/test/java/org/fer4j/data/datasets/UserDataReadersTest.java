package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The imagefolder and csv readers: the user's own data and class names. */
class UserDataReadersTest {
  @TempDir Path root;

  @Test
  void imageFolderTakesClassNamesFromFoldersInSortedOrder() {
    Fixtures.image(root, "train/smile/a.jpg");
    Fixtures.image(root, "train/frown/b.jpg");
    Fixtures.image(root, "train/frown/c.png");
    Fixtures.bytes(root, "train/frown/notes.txt", new byte[] {1});
    Fixtures.image(root, "test/smile/d.jpg");

    DatasetIndex index = DatasetReaders.read("imagefolder", root, ReaderOptions.defaults());

    assertThat(index.labels().classes()).containsExactly("frown", "smile");
    assertThat(index.splitNames()).containsExactly("train", "test");
    assertThat(index.classCounts("train")).containsExactly(2, 1);
    assertThat(index.split("test")).extracting(Sample::id).containsExactly("smile/d.jpg");
    assertThat(index.errors()).isEmpty();
  }

  @Test
  void imageFolderWithGivenClassesReportsOtherFolders() {
    Fixtures.image(root, "smile/a.jpg");
    Fixtures.image(root, "yawn/b.jpg");
    ReaderOptions classes = ReaderOptions.builder().optSetting("classes", "smile,frown").build();

    DatasetIndex index = DatasetReaders.read("imagefolder", root, classes);

    assertThat(index.splitNames()).containsExactly("train");
    assertThat(index.labels().classes()).containsExactly("smile", "frown");
    assertThat(index.classCounts("train")).containsExactly(1, 0);
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        root.resolve("yawn") + ": unknown label: 'yawn' (valid: smile, frown)");
  }

  @Test
  void csvReadsPathLabelAndOptionalSplit() {
    Fixtures.image(root, "img/1.jpg");
    Fixtures.image(root, "img/2.jpg");
    Fixtures.image(root, "img/3.jpg");
    Path csv = Fixtures.text(root, "labels.csv", "path,label,split",
        "img/1.jpg,happy,train",
        "img/2.jpg,sad",
        "img/3.jpg,happy,test",
        "img/4.jpg,sad,train",
        "img/5.jpg",
        "img/1.jpg,happy,holdout",
        "\"img/2.jpg,sad");

    DatasetIndex index = DatasetReaders.read("csv", root, ReaderOptions.defaults());

    assertThat(index.labels().classes()).containsExactly("happy", "sad");
    assertThat(index.split("train")).extracting(s -> index.labels().nameOf(s.label()))
        .containsExactly("happy", "sad");
    assertThat(index.split("test")).extracting(Sample::id).containsExactly("img/3.jpg");
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        csv + ":6: malformed line: expected 'path,label' or 'path,label,split', got 'img/5.jpg'",
        csv + ":7: malformed line: split 'holdout' is not train, val or test",
        csv + ":8: malformed line: expected 'path,label' or 'path,label,split', got"
            + " '\"img/2.jpg,sad'",
        csv + ":5: image not found: img/4.jpg");
  }

  @Test
  void csvWithGivenClassesReportsUnknownLabels() {
    Fixtures.image(root, "a.jpg");
    Path csv = Fixtures.text(root, "mine.csv", "a.jpg,Happy", "a.jpg,Bored");
    ReaderOptions opts = ReaderOptions.builder().optSetting("file", "mine.csv")
        .optSetting("classes", "Sad,Happy").build();

    DatasetIndex index = DatasetReaders.read("csv", root, opts);

    assertThat(index.labels().classes()).containsExactly("Sad", "Happy");
    assertThat(index.split("train")).extracting(Sample::label).containsExactly(1);
    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        csv + ":2: unknown label: 'Bored' (valid: Sad, Happy)");
  }
}

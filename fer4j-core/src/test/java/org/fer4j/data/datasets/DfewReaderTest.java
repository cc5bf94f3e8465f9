package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DfewReaderTest {
  @TempDir Path root;
  Path trainOne;

  @BeforeEach
  void writeFixture() {
    // Clips 1..4 with 3 frames each; frame names sort naturally (2 before 10).
    for (int clip = 1; clip <= 4; clip++) {
      for (int f : new int[] {1, 2, 10}) {
        Fixtures.image(root, String.format("Clip/clip_224x224/%05d/%05d_%d.jpg", clip, clip, f));
      }
    }
    String dir = "EmoLabel_DataSplit/";
    for (int k = 1; k <= 5; k++) {
      // Folds 1-3 use the official names, 4 the renamed ones, 5 the "single_" ones.
      String train = k <= 3 ? "train(single-labeled)/set_" + k + ".csv"
          : k == 4 ? "train(single-labeled)/train_set_4.csv"
          : "train(single-labeled)/single_trainset_5.csv";
      String test = k <= 3 ? "test(single-labeled)/set_" + k + ".csv"
          : k == 4 ? "test(single-labeled)/test_set_4.csv"
          : "test(single-labeled)/single_testset_5.csv";
      Path t = Fixtures.text(root, dir + train, "video_name,label",
          "1,1", "2,5", "3,0", "00009,4", "x,2", "4,8");
      if (k == 1) {
        trainOne = t;
      }
      Fixtures.text(root, dir + test, "video_name,label", (k % 4 + 1) + ",3");
    }
  }

  @Test
  void readsAllFiveFoldsWithTheKnownFileNameSpellings() {
    DatasetIndex index = DatasetReaders.read("dfew", root, ReaderOptions.defaults());

    assertThat(index.foldCount()).isEqualTo(5);
    assertThat(index.splitNames()).hasSize(10).contains("fold4/train", "fold5/test");
    List<Sample> train = index.split("fold1/train");
    assertThat(train).extracting(Sample::id).containsExactly("00001", "00002");
    assertThat(index.labels().nameOf(train.get(0).label())).isEqualTo("Happiness"); // DFEW 1
    assertThat(index.labels().nameOf(train.get(1).label())).isEqualTo("Surprise"); // DFEW 5
    assertThat(train.get(0).frames()).extracting(f -> ((ImageRef.File) f).path().getFileName()
        .toString()).containsExactly("00001_1.jpg", "00001_2.jpg", "00001_10.jpg");
    assertThat(index.labels().nameOf(index.split("fold5/test").get(0).label()))
        .isEqualTo("Neutral"); // DFEW 3
    assertThat(index.split("fold5/train")).hasSize(2);
  }

  @Test
  void reportsBadRowsOncePerFoldFile() {
    DatasetIndex index = DatasetReaders.read("dfew", root, ReaderOptions.defaults());

    List<Problem> fold1 = index.problems().stream()
        .filter(p -> p.file().equals(trainOne)).toList();
    assertThat(fold1).extracting(Problem::message).containsExactly(
        trainOne + ":4: not single-labelled: label 0",
        trainOne + ":5: clip has no frames: Clip/clip_224x224/00009",
        trainOne + ":6: malformed line: expected 'video_name,label' with a numeric clip id, got"
            + " 'x,2'",
        trainOne + ":7: unknown label: '8' (valid: 1, 2, 3, 4, 5, 6, 7, 0)");
    assertThat(index.errors()).hasSize(15);
    assertThat(index.excluded()).hasSize(5);
  }

  @Test
  void checkImagesDropsAClipWithAFrameThatDoesNotDecode() {
    Fixtures.bytes(root, "Clip/clip_224x224/00002/00002_2.jpg", new byte[] {0});
    ReaderOptions check = ReaderOptions.builder().optCheckImages(true).optSetting("fold", "1")
        .build();

    DatasetIndex index = DatasetReaders.read("dfew", root, check);

    // Clip 2 is in fold 1's train list (line 3) and test list (line 2): reported for both.
    assertThat(index.split("train")).extracting(Sample::id).containsExactly("00001");
    assertThat(index.split("test")).isEmpty();
    Path testOne = root.resolve("EmoLabel_DataSplit/test(single-labeled)/set_1.csv");
    String why = ": image does not decode: Clip/clip_224x224/00002/00002_2.jpg (not a JPEG, PNG"
        + " or BMP image)";
    assertThat(index.errors()).filteredOn(p -> p.kind() == Problem.Kind.UNREADABLE_IMAGE)
        .extracting(Problem::message).containsExactly(trainOne + ":3" + why, testOne + ":2" + why);
  }

  @Test
  void oneFoldGivesPlainTrainAndTestSplits() {
    ReaderOptions fold2 = ReaderOptions.builder().optSetting("fold", "2").build();

    DatasetIndex index = DatasetReaders.read("dfew", root, fold2);

    assertThat(index.splitNames()).containsExactly("train", "test");
    assertThat(index.split("test")).extracting(Sample::id).containsExactly("00003");
    assertThat(index.split("test").get(0).split()).isEqualTo("test");
    assertThat(DatasetReaders.read("dfew", root, ReaderOptions.defaults()).fold(2)
        .split("test")).extracting(Sample::id).containsExactly("00003");
  }
}

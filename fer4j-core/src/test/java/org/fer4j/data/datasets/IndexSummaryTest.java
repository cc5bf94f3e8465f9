package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSummaryTest {
  @TempDir Path root;

  @Test
  void printsCountsByClassNameAndGroupsProblemsByReason() {
    Fixtures.text(root, "EmoLabel/list_patition_label.txt",
        "train_00001.jpg 4", "train_00002.jpg 4", "test_00001.jpg 1",
        "train_00003.jpg 8", "train_00004.jpg 0", "train_00005.jpg 9", "test_00002.jpg 2");
    for (String n : new String[] {"train_00001", "train_00002", "test_00001"}) {
      Fixtures.image(root, "Image/aligned/" + n + "_aligned.jpg");
    }
    DatasetIndex index = DatasetReaders.read("rafdb", root, ReaderOptions.defaults());

    String text = IndexSummary.format(index, 2);

    assertThat(text).isEqualTo(String.join("\n",
        "data set: rafdb at " + root,
        "label space: expression7 (7 classes)",
        "settings: images=aligned",
        "",
        "class       train    test",
        "Surprise        0       1",
        "Fear            0       0",
        "Disgust         0       0",
        "Happiness       2       0",
        "Sadness         0       0",
        "Anger           0       0",
        "Neutral         0       0",
        "total           2       1",
        "",
        "missing files: 1",
        "problems (rows skipped): 4",
        "  unknown label: 3",
        "    EmoLabel/list_patition_label.txt:4  '8' (valid: 1, 2, 3, 4, 5, 6, 7)",
        "    EmoLabel/list_patition_label.txt:5  '0' (valid: 1, 2, 3, 4, 5, 6, 7)",
        "    ... 1 more",
        "  image not found: 1",
        "    EmoLabel/list_patition_label.txt:7  Image/aligned/test_00002_aligned.jpg",
        "excluded by the data set's protocol: 0",
        ""));
  }
}

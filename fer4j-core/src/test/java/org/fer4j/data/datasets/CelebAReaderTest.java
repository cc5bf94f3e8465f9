package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Collections;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CelebAReaderTest {
  @TempDir Path root;

  /** 40 values: attribute i (0-based) is 1 when {@code on} contains it, else -1. */
  private static String row(String name, int... on) {
    StringBuilder sb = new StringBuilder(name);
    for (int a = 0; a < 40; a++) {
      boolean set = false;
      for (int o : on) {
        set |= o == a;
      }
      sb.append(set ? "  1" : " -1"); // the official file pads with double spaces
    }
    return sb.toString();
  }

  private Path writeFixture(String count) {
    String names = String.join(" ", LabelSpace.CELEBA_40.classes());
    Path attrs = Fixtures.text(root, "Anno/list_attr_celeba.txt", count, names,
        row("000001.jpg", 31, 39),
        row("000002.jpg", 15),
        row("000003.jpg"),
        "000004.jpg " + String.join(" ", Collections.nCopies(39, "1")),
        row("000005.jpg").replace("000005.jpg -1", "000005.jpg 0"),
        row("000006.jpg"),
        row("000007.jpg", 0));
    Fixtures.text(root, "Eval/list_eval_partition.txt", "000001.jpg 0", "000002.jpg 1",
        "000003.jpg 2", "000004.jpg 0", "000005.jpg 0", "000006.jpg 0");
    for (String n : new String[] {"000001", "000002", "000004", "000005", "000006", "000007"}) {
      Fixtures.image(root, "Img/img_align_celeba/" + n + ".jpg");
    }
    return attrs;
  }

  @Test
  void readsAttributesAsZeroOneTargetsAndPartitions() {
    writeFixture("7");

    DatasetIndex index = DatasetReaders.read("celeba", root, ReaderOptions.defaults());

    assertThat(index.labels()).isEqualTo(LabelSpace.CELEBA_40);
    Sample first = index.split("train").get(0);
    assertThat(first.id()).isEqualTo("000001");
    assertThat(first.label()).isEqualTo(-1);
    assertThat(first.target()[31]).isEqualTo(1f); // Smiling
    assertThat(first.target()[39]).isEqualTo(1f); // Young
    assertThat(first.target()[0]).isEqualTo(0f);
    assertThat(index.split("val")).extracting(Sample::id).containsExactly("000002");
    assertThat(index.split("test")).isEmpty(); // 000003.jpg has no image
    assertThat(index.split("train")).extracting(Sample::id).containsExactly("000001", "000006");
    int[] counts = index.classCounts("train");
    assertThat(counts[31]).isEqualTo(1);
    assertThat(counts[15]).isZero();
  }

  @Test
  void reportsBadRowsWithLineNumbers() {
    Path attrs = writeFixture("9");

    DatasetIndex index = DatasetReaders.read("celeba", root, ReaderOptions.defaults());

    assertThat(index.errors()).extracting(Problem::message).containsExactly(
        attrs + ":5: image not found: Img/img_align_celeba/000003.jpg",
        attrs + ":6: malformed line: expected NAME and 40 values of -1/1, got 39 values",
        attrs + ":7: malformed line: attribute 1 is '0', not -1 or 1",
        attrs + ":9: malformed line: 000007.jpg has no line in list_eval_partition.txt, so no"
            + " split",
        attrs + ":1: malformed line: line 1 declares 9 images but the file lists 7; the file may"
            + " be truncated");
  }

  @Test
  void aWrongHeaderStopsTheRead() {
    Fixtures.text(root, "list_attr_celeba.txt", "1", "Smiling Young", row("000001.jpg"));
    Fixtures.text(root, "list_eval_partition.txt", "000001.jpg 0");
    Fixtures.dir(root, "img_align_celeba");

    assertThatThrownBy(() -> DatasetReaders.read("celeba", root, ReaderOptions.defaults()))
        .isInstanceOf(FerException.class)
        .hasMessage(root.resolve("list_attr_celeba.txt") + ":2: expected the 40 attribute names"
            + " 5_o_Clock_Shadow ... Young in the official order, got 2 names starting 'Smiling';"
            + " use the original list_attr_celeba.txt");
  }
}

package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.DatasetReaders;
import org.fer4j.data.datasets.ReaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo data export for the PyTorch peer: exact pixels, labels, ids and NumPy headers. */
class DemoDataExportTest {
  @Test
  void writesPixelsLabelsAndIdsExactly(@TempDir Path dir) throws Exception {
    byte[] a = pixels(4, 7);
    byte[] b = pixels(4, 200);
    Map<String, List<Sample>> splits = new LinkedHashMap<>();
    splits.put("train", List.of(sample("a", a, 3), sample("b", b, 6)));
    splits.put("test", List.of(sample("c", b, 0)));
    Map<String, Integer> counts =
        DemoDataExport.write(splits, LabelSpace.EXPRESSION_7, 4, dir, Map.of("seed", 5));
    assertThat(counts).containsExactly(Map.entry("train", 2), Map.entry("test", 1));

    byte[] x = Files.readAllBytes(dir.resolve("train_x.npy"));
    int headerEnd = dataStart(x);
    assertThat(headerEnd % 64).isZero();
    assertThat(new String(x, 10, headerEnd - 10, StandardCharsets.US_ASCII))
        .contains("'descr': '|u1'").contains("'shape': (2, 4, 4, 3)");
    assertThat(Arrays.copyOfRange(x, headerEnd, headerEnd + a.length)).isEqualTo(a);
    assertThat(Arrays.copyOfRange(x, headerEnd + a.length, x.length)).isEqualTo(b);

    byte[] y = Files.readAllBytes(dir.resolve("train_y.npy"));
    int yStart = dataStart(y);
    assertThat(new String(y, 10, yStart - 10, StandardCharsets.US_ASCII)).contains("'<i8'").contains("(2,)");
    ByteBuffer labels = ByteBuffer.wrap(y, yStart, 16).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(labels.getLong()).isEqualTo(3);
    assertThat(labels.getLong()).isEqualTo(6);
    assertThat(Files.readAllLines(dir.resolve("train_ids.txt"))).containsExactly("a", "b");
    assertThat(Files.readString(dir.resolve("meta.json"))).contains("\"seed\" : 5").contains("\"Neutral\"");
  }

  @Test
  void wrongImageSizeIsAClearError(@TempDir Path dir) {
    Map<String, List<Sample>> splits = Map.of("train", List.of(sample("a", pixels(4, 1), 0)));
    assertThatThrownBy(() -> DemoDataExport.write(splits, LabelSpace.EXPRESSION_7, 8, dir, Map.of()))
        .isInstanceOf(FerException.class)
        .hasMessageContaining("id-a is 3x4x4; the export needs 3x8x8");
  }

  /** A tiny demo set: the export holds fer4j's hold-out and the occluded split, nothing trained. */
  @Test
  void demoExportWritesTheRunSplits(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("runs");
    Path export = dir.resolve("export");
    Object[] r = CliTest.run("demo", "--images", "60", "--seed", "3", "--out", out.toString(),
        "--export-data", export.toString(), "--no-progress");
    assertThat(r[0]).as((String) r[2]).isEqualTo(0);
    Path data = out.resolve("demo-data-3-60-64");
    var index = DatasetReaders.read("rafdb", data.resolve("rafdb/basic"), ReaderOptions.defaults());
    var occluded = DatasetReaders.read("fedro", data.resolve("fedro"), ReaderOptions.defaults());
    int train = lines(export, "train");
    int val = lines(export, "val");
    assertThat(train + val).isEqualTo(index.split("train").size());
    assertThat(val).isBetween(1, (int) Math.ceil(0.1 * (train + val)) + 7); // stratified, rounded per class
    assertThat(lines(export, "test")).isEqualTo(index.split("test").size());
    assertThat(lines(export, "occluded")).isEqualTo(occluded.split("test").size());
    byte[] x = Files.readAllBytes(export.resolve("test_x.npy"));
    assertThat(x.length - dataStart(x)).isEqualTo(index.split("test").size() * 64 * 64 * 3);
    assertThat(out.toFile().list()).as("no run was started").containsExactly("demo-data-3-60-64");
  }

  private static int lines(Path dir, String split) throws Exception {
    return Files.readAllLines(dir.resolve(split + "_ids.txt")).size();
  }

  private static int dataStart(byte[] npy) {
    assertThat(Arrays.copyOf(npy, 6)).isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'});
    return 10 + ((npy[8] & 255) | (npy[9] & 255) << 8);
  }

  private static byte[] pixels(int side, int base) {
    byte[] p = new byte[side * side * 3];
    for (int i = 0; i < p.length; i++) {
      p[i] = (byte) (base + 13 * i);
    }
    return p;
  }

  private static Sample sample(String id, byte[] rgb, int label) {
    int side = (int) Math.round(Math.sqrt(rgb.length / 3.0));
    return Sample.image(id, new ImageRef.Pixels(side, side, 3, rgb, "id-" + id), label, "train");
  }
}

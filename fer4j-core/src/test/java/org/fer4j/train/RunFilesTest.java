package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {
  @TempDir Path dir;

  private static Map<String, Double> row(int epoch, double loss, double war) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("epoch", (double) epoch);
    m.put("train_loss", loss);
    m.put("val_war", war);
    return m;
  }

  @Test
  void metricsCsvAppendsReadsAndTruncatesForResume() throws Exception {
    MetricsCsv csv = new MetricsCsv(dir.resolve("metrics.csv"));
    csv.append(row(1, 2.0, 0.25));
    csv.append(row(2, 1.5, Double.NaN));
    csv.append(row(3, 1.25, 0.5));
    assertThat(Files.readAllLines(csv.file()))
        .containsExactly("epoch,train_loss,val_war", "1,2,0.250000", "2,1.50000,", "3,1.25000,0.500000");
    csv.truncateAfter(2);
    List<Map<String, Double>> rows = csv.read();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).get("val_war")).isNaN();
    // A new writer on the same file (a resumed run) keeps the header and appends.
    new MetricsCsv(csv.file()).append(row(3, 1.0, 0.75));
    assertThat(new MetricsCsv(csv.file()).read().get(2).get("train_loss")).isEqualTo(1.0);
  }

  @Test
  void curvesPngHasTwoCharts() throws Exception {
    Path png = dir.resolve("curves.png");
    CurvesPlot.write(png, List.of(row(1, 2.0, 0.2), row(2, 1.0, 0.4), row(3, 0.5, Double.NaN)));
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1120);
    assertThat(img.getHeight()).isEqualTo(380);
  }

  @Test
  void atomicWriteReplacesAndLeavesNoTemporaryFiles() throws Exception {
    Path f = dir.resolve("ckpt.bin");
    AtomicFiles.writeString(f, "old");
    AtomicFiles.write(f, out -> {
      out.write("new".getBytes());
      out.close(); // writers may close; the content must still be complete
    });
    assertThat(Files.readString(f)).isEqualTo("new");
    try (var s = Files.list(dir)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("ckpt.bin");
    }
  }

  @Test
  void failedWriteKeepsTheOldFile() throws Exception {
    Path f = dir.resolve("ckpt.bin");
    AtomicFiles.writeString(f, "good");
    try {
      AtomicFiles.write(f, out -> {
        out.write("half".getBytes());
        throw new java.io.IOException("disk full");
      });
    } catch (java.io.IOException expected) {
      assertThat(expected).hasMessage("disk full");
    }
    assertThat(Files.readString(f)).isEqualTo("good");
    try (var s = Files.list(dir)) {
      assertThat(s.count()).isEqualTo(1);
    }
  }
}

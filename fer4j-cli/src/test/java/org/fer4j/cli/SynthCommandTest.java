package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthCommandTest {

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void synthWritesAllLayoutsAndBenchReadsTheRafDbCopy(@TempDir Path dir) throws Exception {
    String synth = run("synth", "--out", dir.toString(), "--images", "20", "--clips", "2", "--occluded", "7",
        "--size", "48", "--seed", "5", "--no-progress");
    // 20 stills, 7 occluded and two clips of 16..24 frames.
    int wrote = Integer.parseInt(synth.replaceAll("(?s)^wrote (\\d+) .*", "$1"));
    assertThat(wrote).isBetween(20 + 7 + 2 * 16, 20 + 7 + 2 * 24);
    assertThat(synth).contains("48x48");
    assertThat(Files.readAllLines(dir.resolve("rafdb/basic/EmoLabel/list_patition_label.txt"))).hasSize(20);
    assertThat(dir.resolve("celeba/list_attr_celeba.txt")).isRegularFile();
    assertThat(dir.resolve("dfew/EmoLabel_DataSplit/test(single-labeled)/set_5.csv")).isRegularFile();
    assertThat(Files.readAllLines(dir.resolve("fedro/occlusion_emotion_dataset.txt"))).hasSize(7);
    assertThat(dir.resolve("synth.json")).isRegularFile();

    String bench = run("bench", "data", "--format", "rafdb", dir.resolve("rafdb").toString(), "--limit", "32",
        "--train-rate", "100");
    assertThat(bench).contains("32 images (20 distinct)");
    assertThat(bench.lines().filter(l -> l.matches("(112|224)\\s+[12]\\s+\\d+\\s+[0-9.]+\\s+0")).count()).isEqualTo(4);
    assertThat(bench).containsPattern("ratio to ResNet-18 training at 112 \\(100\\.0 images/s, 2 threads\\): [0-9.]+");
  }

  @Test
  void badSizeIsABadInputExitCode(@TempDir Path dir) {
    assertThat(Main.run("synth", "--out", dir.toString(), "--size", "8", "--no-progress")).isEqualTo(3);
  }
}

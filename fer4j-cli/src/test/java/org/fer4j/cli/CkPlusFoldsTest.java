package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.fer4j.data.datasets.DatasetIndex;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.DatasetReaders;
import org.fer4j.data.datasets.ReaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CK+'s protocol end to end: 10 subject-independent folds, two of them trained and evaluated. */
class CkPlusFoldsTest {
  private static final int SUBJECTS = 12;

  @TempDir Path dir;

  /** CK+'s layout: one 4-frame sequence per subject, the emotion label on the last frame. */
  private Path ckPlus() throws Exception {
    Path root = dir.resolve("ckplus");
    Random random = new Random(5);
    for (int s = 0; s < SUBJECTS; s++) {
      String subject = String.format("S%03d", 10 + s);
      Path seq = Files.createDirectories(root.resolve("cohn-kanade-images/" + subject + "/001"));
      for (int f = 1; f <= 4; f++) {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 40 * 40; i++) {
          img.getRaster().setSample(i % 40, i / 40, 0, random.nextInt(256));
        }
        ImageIO.write(img, "png", seq.resolve(String.format("%s_001_%08d.png", subject, f)).toFile());
      }
      Path emotion = Files.createDirectories(root.resolve("Emotion/" + subject + "/001"));
      Files.writeString(emotion.resolve(subject + "_001_00000004_emotion.txt"),
          String.format("   %d.0000000e+00%n", 1 + s % 7));
    }
    return root;
  }

  @Test
  void twoOfTenSubjectIndependentFoldsTrainAndEvaluate() throws Exception {
    Path data = ckPlus();
    for (int fold = 1; fold <= 2; fold++) {
      DatasetIndex index = DatasetReaders.read("ckplus", data,
          ReaderOptions.builder().optSetting("fold", String.valueOf(fold)).build());
      Set<String> train = index.split("train").stream().map(Sample::subject).collect(Collectors.toSet());
      Set<String> test = index.split("test").stream().map(Sample::subject).collect(Collectors.toSet());
      assertThat(test).as("fold " + fold + " test subjects").isNotEmpty().doesNotContainAnyElementsOf(train);
      assertThat(train.size() + test.size()).isEqualTo(SUBJECTS);
    }
    Path runs = dir.resolve("runs");
    String[] train = {"train", "--recipe", "resnet18-synth", "--data", data.toString(),
        "--folds", "1-2", "--runs", runs.toString(), "--no-progress", "--set", "data.format=ckplus",
        "--set", "epochs=1", "--set", "data.inputSize=32", "--set", "batchSize=8", "--set", "workers=1"};
    Object[] wrong = CliTest.run(train);
    // a 7-class recipe on CK+'s 8 classes: told before training, with the fix
    assertThat(wrong[0]).isNotEqualTo(0);
    assertThat((String) wrong[2]).contains("8 classes").contains("--set numClasses=8");
    String[] fixed = java.util.Arrays.copyOf(train, train.length + 2);
    fixed[train.length] = "--set";
    fixed[train.length + 1] = "numClasses=8";
    Object[] t = CliTest.run(fixed);
    assertThat(t[0]).as((String) t[2]).isEqualTo(0);
    Path parent;
    try (var s = Files.list(runs)) { // the refused attempt may have left an empty protocol folder
      parent = s.filter(p -> Files.exists(p.resolve("report.json"))).findFirst().orElseThrow();
    }
    Path out = dir.resolve("eval");
    Object[] r = CliTest.run("eval", "--run", parent.toString(), "--folds", "1-2", "--out", out.toString(),
        "--no-progress");
    assertThat(r[0]).as((String) r[2]).isEqualTo(0);
    JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(j.get("folds")).hasSize(2);
    for (JsonNode fold : j.get("folds")) {
      // the last three frames of each test subject's one sequence
      assertThat(fold.get("samples").asInt() % 3).isZero();
      assertThat(fold.get("samples").asInt()).isPositive();
    }
    assertThat(j.get("folds").get(1).get("dataset").asText()).contains("fold 2");
    JsonNode trained = new ObjectMapper().readTree(parent.resolve("report.json").toFile());
    assertThat(j.get("folds")).isEqualTo(trained.get("folds"));
  }
}

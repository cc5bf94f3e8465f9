package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir Path root;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void writeRafDbFixtureAndCaptureOutput() throws IOException {
    Path list = root.resolve("EmoLabel/list_patition_label.txt");
    Files.createDirectories(list.getParent());
    Files.writeString(list, String.join("\n", "train_00001.jpg 4", "train_00002.jpg 6",
        "test_00001.jpg 7", "test_00002.jpg 1", "train_00003.jpg x", "") );
    Path images = Files.createDirectories(root.resolve("Image/aligned"));
    BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (String n : new String[] {"train_00001", "train_00002", "test_00001", "train_00003"}) {
      ImageIO.write(img, "jpg", images.resolve(n + "_aligned.jpg").toFile());
    }
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void inspectPrintsCountsByClassNameAndProblems() {
    int code = Main.run("data", "inspect", root.toString(), "--format", "rafdb");

    assertThat(code).isZero();
    assertThat(out()).contains(
        "class       train    test\n",
        "Surprise        0       0\n",
        "Happiness       1       0\n",
        "Anger           1       0\n",
        "Neutral         0       1\n",
        "total           2       1\n",
        "missing files: 1\n",
        "problems (rows skipped): 2\n",
        "  image not found: 1\n",
        "    EmoLabel/list_patition_label.txt:4  Image/aligned/test_00002_aligned.jpg\n",
        "  unknown label: 1\n",
        "    EmoLabel/list_patition_label.txt:5  'x' (valid: 1, 2, 3, 4, 5, 6, 7)\n");
  }

  @Test
  void strictReportsEverythingThenFails() {
    int code = Main.run("data", "inspect", root.toString(), "--format", "rafdb", "--strict");

    assertThat(code).isEqualTo(3);
    assertThat(out()).contains("problems (rows skipped): 2");
    assertThat(err()).contains("error: 2 problem(s) in " + root + "; strict mode refuses this"
        + " data set (fix them, or drop --strict to skip them)");
  }

  @Test
  void strictWithoutProblemsSucceeds() throws IOException {
    Files.writeString(root.resolve("EmoLabel/list_patition_label.txt"), "train_00001.jpg 4\n");

    int code = Main.run("data", "inspect", root.toString(), "--format", "rafdb", "--strict",
        "--check-images");

    assertThat(code).isZero();
    assertThat(out()).contains("total           1       0\n", "problems (rows skipped): 0\n");
  }

  @Test
  void unknownFormatAndSettingAreBadInput() {
    assertThat(Main.run("data", "inspect", root.toString(), "--format", "raf")).isEqualTo(3);
    assertThat(err()).contains("error: unknown data set format 'raf'; valid: rafdb, ferplus,");
    assertThat(Main.run("data", "inspect", root.toString(), "--format", "rafdb", "--set",
        "images=cropped")).isEqualTo(3);
    assertThat(err()).contains("error: setting images=cropped is not valid; use one of aligned,"
        + " original");
  }

  @Test
  void formatsListsReadersAndSettings() {
    assertThat(Main.run("data", "formats")).isZero();
    assertThat(out()).contains("rafdb", "--set images=...", "ckplus", "--set neutral=...");
  }
}

package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer explain --run} and the model-specific views written by the command. */
class ExplainViewsCommandTest {
  @TempDir Path dir;

  private Path image(String name, int shift) throws IOException {
    return GreyImages.write(dir.resolve(name), 48, 48, g -> {
      g.setColor(Color.WHITE);
      g.fillOval(8 + shift, 12, 20, 14);
    });
  }

  @Test
  void runDirectoryGivesTheRunsClassesSizeAndWeights() throws Exception {
    Path run = TinyRuns.staticRun(dir.resolve("train"));
    Path a = image("a.png", 0);
    Path out = dir.resolve("out");
    Object[] r = CliTest.run("explain", "--run", run.toString(), "--out", out.toString(), a.toString());
    String stdout = (String) r[1];
    assertThat(r[0]).as(stdout + r[2]).isEqualTo(0);
    assertThat(stdout).contains("resnet18, 7 classes, 32x32 input, weights best.safetensors")
        .contains("1 overlay(s) and contact_sheet.png written").contains("at layer4");
    assertThat(stdout).containsAnyOf("Neutral", "Happiness", "Sadness", "Surprise", "Fear", "Disgust", "Anger");
    assertThat(ImageIO.read(out.resolve("a_gradcam.png").toFile()).getHeight()).isEqualTo(8 + 256 + 44);
    assertThat(Files.exists(out.resolve("a_view.png"))).as("resnet18 has no own view").isFalse();
    Object[] both = CliTest.run("explain", "--run", run.toString(), "--pretrained", a.toString(), "--out", out.toString(), a.toString());
    assertThat(both[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) both[2]).contains("--run takes the weights");
    Object[] neither = CliTest.run("explain", "--out", out.toString(), a.toString());
    assertThat((String) neither[2]).contains("exactly one of --model NAME");
  }

  @Test
  void lnljWritesItsRegionWeightGrid() throws IOException {
    Path a = image("a.png", 0);
    Path b = image("b.png", 10);
    Path out = dir.resolve("lnlj");
    Object[] r = CliTest.run("explain", "--model", "lnlj", "--size", "32", "--out", out.toString(), a.toString(), b.toString());
    assertThat(r[0]).as(r[1] + "" + r[2]).isEqualTo(0);
    assertThat((String) r[1]).contains("2 LNLJ_WEIGHTS view(s) written");
    BufferedImage view = ImageIO.read(out.resolve("b_view.png").toFile());
    // one 320 px panel, 8 px margins, colour bar: 8 + 328 + 16 + 40 wide; title 26, caption 18, margin 8
    assertThat(view.getWidth()).isEqualTo(8 + 328 + 16 + 40);
    assertThat(view.getHeight()).isEqualTo(26 + 320 + 18 + 8);
  }

  @Test
  void gcsaExplainsTheImagesAsTheFramesOfOneClip() throws IOException {
    Path[] frames = new Path[5];
    String[] args = new String[5 + 7];
    String[] head = {"explain", "--model", "gcsa_resnet18", "--size", "32", "--out", dir.resolve("clip").toString()};
    System.arraycopy(head, 0, args, 0, head.length);
    for (int i = 0; i < 5; i++) {
      frames[i] = image("f" + i + ".png", 2 * i);
      args[head.length + i] = frames[i].toString();
    }
    Object[] r = CliTest.run(args);
    assertThat(r[0]).as(r[1] + "" + r[2]).isEqualTo(0);
    assertThat((String) r[1]).contains("16 of 5 frame(s) explained as one clip");
    BufferedImage strip = ImageIO.read(dir.resolve("clip").resolve(ClipExplain.STRIP).toFile());
    // 17 panels (16 frames + attention) in rows of 8 at 96 px: 3 rows; a note header and 4 lines of 4 frames
    assertThat(strip.getWidth()).isEqualTo(8 + 8 * 104 + 16 + 40);
    assertThat(strip.getHeight()).isEqualTo(26 + 3 * (96 + 18) + 5 * 15 + 8);
  }

  @Test
  void evenlySpreadFramesKeepTheFirstAndLast() {
    assertThat(ClipExplain.evenly(java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), 4)).containsExactly(0, 3, 6, 9);
    assertThat(ClipExplain.evenly(java.util.List.of(0, 1), 3)).containsExactly(0, 1, 1);
  }
}

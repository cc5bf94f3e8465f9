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

class ExplainCommandTest {
  @TempDir Path dir;

  private Path image(String name, Color mark) throws IOException {
    return GreyImages.write(dir.resolve(name), 80, 60, g -> {
      g.setColor(mark);
      g.fillRect(10, 10, 20, 20);
    });
  }

  @Test
  void writesOneOverlayPerImageAndASheetAndReportsTheBrokenFile() throws IOException {
    Path a = image("a.png", Color.RED);
    Path b = image("b.png", Color.BLUE);
    Path broken = dir.resolve("broken.jpg");
    Files.writeString(broken, "not an image");
    Path out = dir.resolve("out");
    Object[] r = CliTest.run("explain", "--model", "resnet18", "--size", "64", "--classes", "7",
        "--class", "Happiness", "--method", "gradcampp", "--out", out.toString(),
        a.toString(), broken.toString(), b.toString());
    String stdout = (String) r[1];
    assertThat(r[0]).as(stdout + r[2]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat(stdout)
        .contains("skipped: " + broken + ": not an image format Java can read")
        .contains("a.png: Happiness ")
        .contains("2 overlay(s) and contact_sheet.png written")
        .contains("Grad-CAM++ at layer4; 1 problem(s)");
    BufferedImage overlay = ImageIO.read(out.resolve("a_gradcampp.png").toFile());
    // Two 256x256 panels with 8 px gaps, the 16 px bar and its labels; 44 px of caption below.
    assertThat(overlay.getWidth()).isEqualTo(2 * 256 + 3 * 8 + 16 + 40);
    assertThat(overlay.getHeight()).isEqualTo(8 + 256 + 44);
    assertThat(Files.exists(out.resolve("b_gradcampp.png"))).isTrue();
    BufferedImage sheet = ImageIO.read(out.resolve("contact_sheet.png").toFile());
    assertThat(sheet.getWidth()).as("two columns for two images").isEqualTo(8 + 2 * 168 + 16 + 40);
  }

  @Test
  void badOptionsAreDomainErrors() throws IOException {
    Path a = image("a.png", Color.RED);
    String out = dir.resolve("out").toString();
    Object[] layer = CliTest.run("explain", "--model", "resnet18", "--size", "64", "--layer", "layer7", "--out", out, a.toString());
    assertThat(layer[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) layer[2]).contains("unknown stage 'layer7'").contains("layer4");
    Object[] cls = CliTest.run("explain", "--model", "resnet18", "--size", "64", "--classes", "7", "--class", "9", "--out", out, a.toString());
    assertThat((String) cls[2]).contains("--class 9 is out of range: the model has 7 classes");
    Object[] method = CliTest.run("explain", "--model", "resnet18", "--method", "lime", "--out", out, a.toString());
    assertThat((String) method[2]).contains("unknown CAM method 'lime'").contains("gradcampp");
    Object[] none = CliTest.run("explain", "--model", "resnet18", "--size", "64", "--out", out, dir.resolve("nope.png").toString());
    assertThat(none[0]).isEqualTo(FerException.Kind.BAD_INPUT.exitCode());
    assertThat((String) none[2]).contains("none of the 1 image(s) could be explained").contains("nope.png: no such image file");
  }
}

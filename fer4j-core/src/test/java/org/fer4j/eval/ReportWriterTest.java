package org.fer4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LabelSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
  @TempDir Path dir;

  private static final LabelSpace ABC = new LabelSpace("abc", List.of("Happiness", "Sad<ness>", "Anger"), false);

  @Test
  void writesJsonWithNamesAndHtmlWithEmbeddedPictures() throws Exception {
    long[][] counts = {{6, 1, 1}, {1, 2, 1}, {1, 1, 0}};
    ClassificationMetrics m = ClassificationMetrics.from(ConfusionMatrix.of(ABC, counts), 0.9);
    EvaluationReport r =
        new EvaluationReport(
            "toy on test", "resnet18", "synth test", "best validation WAR (epoch 3)", m, null,
            Double.NaN, "war", 89.24, "AGLF abstract", List.of(
                new EvaluationReport.Mistake("img7", "Anger", "Happiness", 0.93, ReportWriter.png(new BufferedImage(8, 8, 1)))),
            Map.of("occluded WAR", 41.0));
    Path curves = dir.resolve("curves.png");
    javax.imageio.ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", curves.toFile());
    ReportWriter.write(r, dir.resolve("out"), curves);

    JsonNode j = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
    assertThat(j.get("war").asDouble()).isCloseTo(8.0 / 14, within(1e-12));
    assertThat(j.get("classes").get(0).asText()).isEqualTo("Happiness");
    assertThat(j.get("perClass").get(2).get("name").asText()).isEqualTo("Anger");
    assertThat(j.get("confusion").get(0).get(0).asInt()).isEqualTo(6);
    assertThat(j.get("paperComparison").get("ours").asDouble()).isCloseTo(800.0 / 14, within(1e-9));
    assertThat(j.get("selectionRule").asText()).isEqualTo("best validation WAR (epoch 3)");

    String html = Files.readString(dir.resolve("out/report.html"));
    assertThat(html)
        .contains("best validation WAR (epoch 3)")
        .contains("Sad&lt;ness&gt;")
        .doesNotContain("Sad<ness>")
        .contains("<td>57.14</td><td>89.24</td>")
        .contains("occluded WAR")
        .contains("predicted Happiness (93%)");
    // confusion heat map + curves + one thumbnail
    assertThat(html.split("data:image/png;base64,", -1)).hasSize(4);
  }

  @Test
  void heatMapIsDarkerForLargerShares() {
    BufferedImage img = ConfusionPlot.render(ConfusionMatrix.of(ABC, new long[][] {{9, 1, 0}, {0, 5, 5}, {0, 0, 1}}), "t");
    assertThat(img.getWidth()).isEqualTo(110 + 3 * 64 + 20);
    // Cell (0,0) holds 90 %, cell (0,2) 0 %: the first is darker.
    int dark = img.getRGB(110 + 5, 60 + 5) & 0xff;
    int light = img.getRGB(110 + 2 * 64 + 5, 60 + 5) & 0xff;
    assertThat(dark).isLessThan(light);
    assertThat(light).isEqualTo(255);
  }
}

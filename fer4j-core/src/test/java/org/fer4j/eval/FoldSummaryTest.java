package org.fer4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.LabelSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldSummaryTest {
  @TempDir Path dir;

  private static final LabelSpace AB = new LabelSpace("ab", List.of("Happiness", "Anger"), false);

  private static FoldSummary.Fold fold(int k, long[][] counts) {
    ClassificationMetrics m = ClassificationMetrics.from(ConfusionMatrix.of(AB, counts), Double.NaN);
    return new FoldSummary.Fold(k, "fold-" + k, new EvaluationReport("t", "m", "dfew test (fold " + k + ")",
        "best validation uar (epoch 2 of 3)", m, null, Double.NaN, null, Double.NaN, null, null, null));
  }

  @Test
  void meanAndPopulationStdOverFoldsByHand() throws Exception {
    // Fold 1: 3/4 right, recalls 2/2 and 1/2 -> WAR 0.75, UAR 0.75.
    // Fold 2: 1/2 right, recalls 1/1 and 0/1 -> WAR 0.5, UAR 0.5.
    // Fold 3: 4/4 right -> WAR 1, UAR 1.
    FoldSummary s = FoldSummary.of("toy", List.of(
        fold(1, new long[][] {{2, 0}, {1, 1}}),
        fold(2, new long[][] {{1, 0}, {1, 0}}),
        fold(3, new long[][] {{2, 0}, {0, 2}})));
    assertThat(s.values("war")).containsExactly(0.75, 0.5, 1.0);
    assertThat(s.mean("war")).isCloseTo(0.75, within(1e-12));
    // deviations 0, -0.25, 0.25 -> variance (0 + 0.0625 + 0.0625) / 3
    assertThat(s.std("war")).isCloseTo(Math.sqrt(0.125 / 3), within(1e-12));
    assertThat(s.mean("uar")).isCloseTo(0.75, within(1e-12));
    assertThat(s.pooled().counts()).isEqualTo(new long[][] {{5, 0}, {2, 3}});

    FoldReportWriter.write(s, dir);
    JsonNode j = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(j.get("folds")).hasSize(3);
    assertThat(j.get("folds").get(1).get("war").asDouble()).isEqualTo(0.5);
    assertThat(j.get("folds").get(1).get("selectionRule").asText()).isEqualTo("best validation uar (epoch 2 of 3)");
    assertThat(j.get("mean").get("war").asDouble()).isCloseTo(0.75, within(1e-12));
    assertThat(j.get("std").get("war").asDouble()).isCloseTo(Math.sqrt(0.125 / 3), within(1e-12));
    assertThat(j.get("classes").get(1).asText()).isEqualTo("Anger");
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("fold-2/report.html").contains("75.00 ± 20.41").contains("data:image/png;base64,");
    assertThat(s.table()).contains("mean").contains("75.00").contains("20.41");
  }

  @Test
  void foldsWithDifferentClassesAreRejected() {
    LabelSpace abc = new LabelSpace("abc", List.of("a", "b", "c"), false);
    ClassificationMetrics m3 = ClassificationMetrics.from(ConfusionMatrix.of(abc, new long[3][3]), Double.NaN);
    FoldSummary.Fold three = new FoldSummary.Fold(2, "fold-2",
        new EvaluationReport("t", "m", "d", "r", m3, null, Double.NaN, null, Double.NaN, null, null, null));
    assertThatThrownBy(() -> FoldSummary.of("x", List.of(fold(1, new long[][] {{1, 0}, {0, 1}}), three)))
        .hasMessageContaining("fold 2 has 3 classes");
  }
}

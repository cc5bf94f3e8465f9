package org.fer4j.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Aggregation over seeds, the Markdown table, the per-run CSV and the clip intensity bins. */
class StudyTableTest {
  private static StudyResult image(String method, long seed, double clean, double occluded) {
    return new StudyResult(method, seed, 3, 60, clean, clean - 0.1, occluded, occluded - 0.1, Map.of(), "runs/x");
  }

  @Test
  void statIsMeanAndSampleStdIgnoringNaN() {
    // values 0.5, 0.7, 0.9: mean 0.7; squared deviations 0.04 + 0 + 0.04 = 0.08; / (3 - 1) -> sqrt(0.04) = 0.2
    StudyTable.Stat s = StudyTable.stat(List.of(0.5, 0.7, Double.NaN, 0.9));
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.mean()).isCloseTo(0.7, within(1e-12));
    assertThat(s.std()).isCloseTo(0.2, within(1e-12));
    assertThat(s.percent()).isEqualTo("70.0 ± 20.0");
    assertThat(StudyTable.stat(List.of(0.25)).percent()).isEqualTo("25.0");
    assertThat(StudyTable.stat(List.of(0.25)).std()).isZero();
    assertThat(StudyTable.stat(List.of(Double.NaN)).percent()).isEqualTo("–");
  }

  @Test
  void markdownHasOneRowPerMethodWithMeansOverSeeds() {
    List<StudyResult> runs = List.of(image("resnet18", 1, 0.80, 0.50), image("resnet18", 2, 0.60, 0.30),
        image("aglf", 1, 0.90, 0.85),
        new StudyResult("gcsa_cai", 1, 3, 90, 0.5, 0.4, Double.NaN, Double.NaN,
            Map.of("neutral", 1.0, "low", 0.25, "mid", 0.5, "high", 0.75), "runs/y"));
    String md = StudyTable.markdown(StudyMethod.ALL, runs,
        new StudyTable.Context("./fer study synth --seeds 1,2", "tiny", "2026-01-01 00:00 UTC", Map.of("low", 4), "docs/study.csv"));
    assertThat(md).contains("Produced by `./fer study synth --seeds 1,2` on 2026-01-01 00:00 UTC")
        .contains("Budget: tiny.")
        // resnet18: clean (0.8, 0.6) -> 70.0 ± 14.1; occluded (0.5, 0.3) -> 40.0 ± 14.1; drop 0.3, 0.3 -> 30.0 ± 0.0
        .contains("| resnet18 | baseline | 2 | 70.0 ± 14.1 | 60.0 ± 14.1 | 40.0 ± 14.1 | 30.0 ± 14.1 | 30.0 ± 0.0 | 60 |")
        .contains("| aglf | occlusion robustness (local regions) | 1 | 90.0 |")
        .contains("| lnlj | occlusion robustness (local + non-local) | 0 | – |")
        .contains("| gcsa_cai | low-intensity clips (intensity-aware loss) | 1 | 50.0 | 40.0 | 100.0 | 25.0 | 50.0 | 75.0 | 90 |")
        .contains("Per-run numbers: `docs/study.csv`.")
        .contains("Test clips per bin: {low=4}");
  }

  @Test
  void csvRoundTripsAndEmptyCellsAreNaN() {
    StudyResult r = new StudyResult("gcsa_ce", 7, 4, 12.5, 0.5, 0.25, Double.NaN, Double.NaN,
        Map.of("low", 0.125), "runs/gcsa_ce-seed7/run");
    String line = r.toCsv();
    assertThat(line).isEqualTo("gcsa_ce,7,4,12.5000,0.5000,0.2500,,,,0.1250,,,runs/gcsa_ce-seed7/run");
    StudyResult back = StudyResult.parse(line, "x.csv line 2");
    assertThat(back.seed()).isEqualTo(7);
    assertThat(back.metric("int_low")).isEqualTo(0.125);
    assertThat(back.metric("occluded_war")).isNaN();
    assertThat(back.bins()).containsOnlyKeys("neutral", "low", "mid", "high");
    assertThatThrownBy(() -> StudyResult.parse("aglf,1,2", "r.csv line 2"))
        .isInstanceOf(FerException.class).hasMessageContaining("r.csv line 2").hasMessageContaining("got 3");
  }

  @Test
  void clipIntensityIsTheApexAndBinsSplitTheRange(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("synth_intensity.csv");
    Files.writeString(csv, "video_name,frame,intensity\n1,1,0.0\n1,2,0.5\n1,3,0.3\n2,1,0.0\n2,2,0.0\n3,1,0.9\n");
    Map<String, Double> apex = IntensityBins.readApexes(csv);
    assertThat(apex).containsEntry("00001", 0.5).containsEntry("00002", 0.0).containsEntry("00003", 0.9);
    assertThat(List.of(IntensityBins.of(0), IntensityBins.of(0.5), IntensityBins.of(0.65), IntensityBins.of(0.84),
        IntensityBins.of(0.85))).containsExactly("neutral", "low", "mid", "mid", "high");
    Files.writeString(csv, "video_name,frame,intensity\n1,1,zero\n");
    assertThatThrownBy(() -> IntensityBins.readApexes(csv)).hasMessageContaining("line 2");
  }

  @Test
  void unknownMethodNamesTheValidOnes() {
    assertThat(StudyMethod.select(List.of("gcsa_ce", "aglf"))).extracting(StudyMethod::key).containsExactly("aglf", "gcsa_ce");
    assertThatThrownBy(() -> StudyMethod.select(List.of("vit"))).hasMessageContaining("unknown method 'vit'")
        .hasMessageContaining("resnet18");
  }
}

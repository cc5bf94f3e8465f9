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
        new StudyTable.Context("./fer study synth --seeds 1,2", "tiny", "2026-01-01 00:00 UTC", Map.of("low", 4), "docs/study.csv",
            Map.of(), List.of("abc123")));
    assertThat(md).contains("Produced by `./fer study synth --seeds 1,2` on 2026-01-01 00:00 UTC, runs trained at commit abc123")
        .contains("Budget: tiny.")
        // resnet18: clean (0.8, 0.6) -> 70.0 ± 14.1; occluded (0.5, 0.3) -> 40.0 ± 14.1; drop 0.3, 0.3 -> 30.0 ± 0.0
        .contains("| resnet18 | baseline | 2 | 70.0 ± 14.1 | 60.0 ± 14.1 | 40.0 ± 14.1 | 30.0 ± 14.1 | 30.0 ± 0.0 | 60 |")
        .contains("| aglf | occlusion robustness (local regions) | 1 | 90.0 |")
        .contains("| lnlj | occlusion robustness (local + non-local) | 0 | – |")
        .contains("| gcsa_cai | low-intensity clips (intensity-aware loss) | 1 | 50.0 | 40.0 | 100.0 | 25.0 | 50.0 | 75.0 | 90 |")
        .contains("Per-run numbers: `docs/study.csv`.")
        .contains("Test clips per bin: {low=4} (one clip moves the smallest bin by 25.0 points)")
        // aglf vs resnet18 on seed 1 only: drop 0.05 vs 0.30 -> -25.0 points, one seed, no t
        .contains("| aglf | resnet18 | clean − occluded WAR drop | -25.0 ± 0.0 | 1 of 1 | – | – | "
            + "one seed so far: no test |")
        .doesNotContain("| faer | resnet18"); // no faer run, no comparison
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
  void pairedComparisonUsesOnlySeedsBothMethodsFinished() {
    // faer - resnet18 clean WAR per seed: +0.10, +0.12, +0.14 (seed 4 has no baseline run)
    List<StudyResult> runs = List.of(image("resnet18", 1, 0.60, 0.5), image("resnet18", 2, 0.62, 0.5),
        image("resnet18", 3, 0.64, 0.5), image("faer", 1, 0.70, 0.5), image("faer", 2, 0.74, 0.5),
        image("faer", 3, 0.78, 0.5), image("faer", 4, 0.10, 0.5));
    PairedComparison p = PairedComparison.of(runs, "faer", "resnet18", StudyResult::cleanWar, true).orElseThrow();
    assertThat(p.n()).isEqualTo(3);
    assertThat(p.meanDiff()).isCloseTo(0.12, within(1e-12));
    assertThat(p.sdDiff()).isCloseTo(0.02, within(1e-12));
    assertThat(p.favouring()).isEqualTo(3);
    // t = 0.12 / (0.02 / sqrt 3) = 10.392; df 2: p = 1 - t / sqrt(2 + t^2) = 0.00913
    assertThat(p.t()).isCloseTo(6 * Math.sqrt(3), within(1e-9));
    assertThat(p.p()).isCloseTo(1 - p.t() / Math.sqrt(2 + p.t() * p.t()), within(1e-12));
    assertThat(p.significant(true)).isTrue();
    assertThat(p.significant(false)).isFalse();
    assertThat(PairedComparison.of(runs, "lnlj", "resnet18", StudyResult::cleanWar, true)).isEmpty();
  }

  @Test
  void studentTMatchesKnownQuantiles() {
    // two-sided 5 % critical values: df 1 -> 12.706, df 4 -> 2.776, df 30 -> 2.042; df 1: p = 1 - 2 atan(t) / pi
    assertThat(PairedComparison.twoSidedP(12.7062, 1)).isCloseTo(0.05, within(1e-5));
    assertThat(PairedComparison.twoSidedP(2.7764, 4)).isCloseTo(0.05, within(1e-5));
    assertThat(PairedComparison.twoSidedP(2.0423, 30)).isCloseTo(0.05, within(1e-5));
    assertThat(PairedComparison.twoSidedP(0.5, 1)).isCloseTo(1 - 2 * Math.atan(0.5) / Math.PI, within(1e-12));
    assertThat(PairedComparison.twoSidedP(-0.5, 1)).isEqualTo(PairedComparison.twoSidedP(0.5, 1));
    assertThat(IncompleteBeta.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
    assertThat(IncompleteBeta.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-13));
  }

  @Test
  void verdictsFollowDirectionAndSignificance() {
    StudyClaims.Claim smallerDrop = StudyClaims.ALL.get(0);
    assertThat(StudyClaims.verdict(smallerDrop, new PairedComparison(3, -0.05, 0.01, 3, -8.7, 0.013))).isEqualTo("**appears**");
    assertThat(StudyClaims.verdict(smallerDrop, new PairedComparison(3, -0.05, 0.08, 2, -1.1, 0.39)))
        .isEqualTo("predicted direction, not significant");
    assertThat(StudyClaims.verdict(smallerDrop, new PairedComparison(3, 0.05, 0.08, 1, 1.1, 0.39))).isEqualTo("does not appear");
    assertThat(StudyClaims.verdict(smallerDrop, new PairedComparison(3, 0.05, 0.01, 0, 8.7, 0.013)))
        .isEqualTo("**opposite** (significant)");
  }

  @Test
  void convergenceTableGivesTheGainOverTheLastThreeEpochs() {
    List<StudyResult> runs = List.of(image("resnet18", 1, 0.6, 0.5), image("resnet18", 2, 0.6, 0.5));
    // three epochs before the end 0.70, best of the last three 0.72 -> gain +2.0 points
    Map<String, List<Double>> curves = Map.of("runs/x", List.of(0.5, 0.70, 0.72, 0.71, 0.715));
    String md = StudyTable.convergence(StudyMethod.select(List.of("resnet18")), runs.subList(0, 1), curves);
    assertThat(md).contains("| resnet18 | 1 | 71.5 | 2.0 | 2.0 |");
    assertThat(StudyTable.convergence(StudyMethod.ALL, runs, Map.of())).isEmpty();
  }

  @Test
  void handWrittenAnalysisSurvivesARewrite() {
    String old = "# old tables\n\n" + StudyTable.ANALYSIS_MARKER + "\n\n## Analysis\nkept\n";
    assertThat(StudyTable.keepAnalysis("# new tables\n", old)).isEqualTo("# new tables\n\n" + StudyTable.ANALYSIS_MARKER
        + "\n\n## Analysis\nkept\n");
    assertThat(StudyTable.keepAnalysis("# new\n", "# no marker\n")).isEqualTo("# new\n");
    assertThat(StudyTable.keepAnalysis("# new\n", null)).isEqualTo("# new\n");
  }

  @Test
  void unknownMethodNamesTheValidOnes() {
    assertThat(StudyMethod.select(List.of("gcsa_ce", "aglf"))).extracting(StudyMethod::key).containsExactly("aglf", "gcsa_ce");
    assertThatThrownBy(() -> StudyMethod.select(List.of("vit"))).hasMessageContaining("unknown method 'vit'")
        .hasMessageContaining("resnet18");
  }
}

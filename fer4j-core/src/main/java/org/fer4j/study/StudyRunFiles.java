package org.fer4j.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fer4j.train.MetricsCsv;

/** What the study reads back from its runs' folders: curves, provenance and epoch times. */
final class StudyRunFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StudyRunFiles() {}

  /** Validation WAR per epoch of each run ({@code metrics.csv}), keyed by its run folder. */
  static Map<String, List<Double>> valCurves(Path studyDir, List<StudyResult> results) throws IOException {
    Map<String, List<Double>> curves = new LinkedHashMap<>();
    for (StudyResult r : results) {
      Path metrics = studyDir.resolve(r.runDir()).resolve("metrics.csv");
      curves.put(r.runDir(), new MetricsCsv(metrics).read().stream().map(row -> row.getOrDefault("val_war", Double.NaN))
          .toList());
    }
    return curves;
  }

  /** The distinct commits in the runs' provenance ({@code config.json}), in run order. */
  static List<String> commits(Path studyDir, List<StudyResult> results) throws IOException {
    Set<String> commits = new LinkedHashSet<>();
    for (StudyResult r : results) {
      Path config = studyDir.resolve(r.runDir()).resolve("config.json");
      if (Files.exists(config)) {
        commits.add(JSON.readTree(config.toFile()).path("provenance").path("gitCommit").asText("unknown"));
      }
    }
    return List.copyOf(commits);
  }

  /** The sum of a run's epoch times in {@code metrics.csv} (training and validation of each epoch). */
  static double epochSeconds(Path run) throws IOException {
    return new MetricsCsv(run.resolve("metrics.csv")).read().stream()
        .mapToDouble(row -> row.getOrDefault("seconds", 0.0)).filter(v -> !Double.isNaN(v)).sum();
  }
}

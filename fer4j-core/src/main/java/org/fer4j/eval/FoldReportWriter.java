package org.fer4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.io.AtomicFiles;

/**
 * Writes a {@link FoldSummary} as {@code report.json} (per-fold and mean ± std numbers, pooled
 * confusion) and a self-contained {@code report.html} (the table, each fold's selection rule, the
 * pooled confusion heat map, links to the per-fold reports in {@code fold-N/}).
 */
public final class FoldReportWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> METRICS = List.of("war", "uar", "macro_f1");

  private FoldReportWriter() {}

  /** Writes both files into {@code dir}. */
  public static void write(FoldSummary s, Path dir) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve("report.json"), JSON.writeValueAsString(toMap(s)));
    AtomicFiles.writeString(dir.resolve("report.html"), html(s));
  }

  /** What report.json holds. */
  public static Map<String, Object> toMap(FoldSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", s.title());
    m.put("protocol", s.folds().size() + "-fold");
    m.put("classes", s.pooled().labels().classes());
    List<Map<String, Object>> folds = new ArrayList<>();
    for (FoldSummary.Fold f : s.folds()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("fold", f.fold());
      row.put("run", f.run());
      row.put("dataset", f.report().dataset());
      row.put("selectionRule", f.report().selectionRule());
      row.put("samples", f.report().metrics().confusion().total());
      for (String k : METRICS) {
        row.put(k, FoldSummary.metricOf(f.report().metrics(), k));
      }
      folds.add(row);
    }
    m.put("folds", folds);
    Map<String, Double> mean = new LinkedHashMap<>();
    Map<String, Double> std = new LinkedHashMap<>();
    for (String k : METRICS) {
      mean.put(k, s.mean(k));
      std.put(k, s.std(k));
    }
    m.put("mean", mean);
    m.put("std", std);
    m.put("stdKind", "population (divided by the number of folds)");
    m.put("pooledConfusion", s.pooled().counts());
    return m;
  }

  static String html(FoldSummary s) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>").append(ReportWriter.esc(s.title()))
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1200px}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 10px;")
        .append("text-align:right}th{background:#eef}td:first-child,td:last-child{text-align:left}</style></head><body>");
    h.append("<h1>").append(ReportWriter.esc(s.title())).append("</h1><p>Each fold's run is evaluated on its own")
        .append(" test split; the reported checkpoint of each run was chosen without the test split, as stated")
        .append(" per fold. Mean and standard deviation (population) over folds, in percent.</p>");
    h.append("<table><tr><th>fold</th><th>samples</th><th>WAR</th><th>UAR</th><th>macro-F1</th>")
        .append("<th>checkpoint</th></tr>");
    for (FoldSummary.Fold f : s.folds()) {
      ClassificationMetrics c = f.report().metrics();
      h.append("<tr><td><a href=\"fold-").append(f.fold()).append("/report.html\">fold ").append(f.fold())
          .append("</a></td><td>").append(c.confusion().total()).append("</td><td>").append(ReportWriter.pct(c.war() * 100))
          .append("</td><td>").append(ReportWriter.pct(c.uar() * 100)).append("</td><td>")
          .append(ReportWriter.pct(c.macroF1() * 100)).append("</td><td>")
          .append(ReportWriter.esc(f.report().selectionRule())).append("</td></tr>");
    }
    h.append("<tr><th>mean ± std</th><th></th>");
    for (String k : METRICS) {
      h.append("<th>").append(ReportWriter.pct(s.mean(k) * 100)).append(" ± ").append(ReportWriter.pct(s.std(k) * 100))
          .append("</th>");
    }
    h.append("<th></th></tr></table>");
    h.append("<h2>Pooled confusion matrix (all folds)</h2><img alt=\"\" src=\"data:image/png;base64,")
        .append(java.util.Base64.getEncoder().encodeToString(
            ReportWriter.png(ConfusionPlot.render(s.pooled(), s.title())))).append("\">");
    return h.append("</body></html>\n").toString();
  }
}

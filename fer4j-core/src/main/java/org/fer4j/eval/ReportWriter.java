package org.fer4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.fer4j.io.AtomicFiles;

/**
 * Writes {@code report.json} (numbers only, for scripts) and {@code report.html} (a single
 * self-contained file: tables, the confusion heat map and training curves embedded as PNG data
 * URIs, a grid of the most confident mistakes), both atomically.
 */
public final class ReportWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /** Writes both files into {@code dir}; {@code curvesPng} may be null or absent. */
  public static void write(EvaluationReport r, Path dir, Path curvesPng) throws IOException {
    Files.createDirectories(dir);
    AtomicFiles.writeString(dir.resolve("report.json"), JSON.writeValueAsString(toMap(r)));
    AtomicFiles.writeString(dir.resolve("report.html"), html(r, curvesPng));
  }

  /** The numbers of a report as an ordered map (what report.json holds). */
  public static Map<String, Object> toMap(EvaluationReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", r.title());
    m.put("model", r.model());
    m.put("dataset", r.dataset());
    m.put("selectionRule", r.selectionRule());
    if (r.metrics() != null) {
      ClassificationMetrics c = r.metrics();
      m.put("war", c.war());
      m.put("uar", c.uar());
      m.put("macroF1", c.macroF1());
      m.put("top2", Double.isNaN(c.top2()) ? null : c.top2());
      m.put("classes", c.confusion().labels().classes());
      m.put("perClass", c.perClass());
      m.put("confusion", c.confusion().counts());
      m.put("confusionRowNormalised", c.confusion().rowNormalised());
    }
    if (!r.attributes().isEmpty()) {
      m.put("meanAttributeAccuracy", r.meanAttributeAccuracy());
      Map<String, Double> per = new LinkedHashMap<>();
      r.attributes().forEach(e -> per.put(e.getKey(), e.getValue()));
      m.put("attributeAccuracy", per);
    }
    if (r.paperMetric() != null) {
      Map<String, Object> paper = new LinkedHashMap<>();
      paper.put("metric", r.paperMetric());
      paper.put("paper", r.paperValue());
      paper.put("ours", r.ourValueForPaperMetric());
      paper.put("source", r.paperSource());
      m.put("paperComparison", paper);
    }
    m.put("extra", r.extra());
    return m;
  }

  static String html(EvaluationReport r, Path curvesPng) throws IOException {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>")
        .append(esc(r.title()))
        .append("</title><style>body{font-family:sans-serif;margin:2em;max-width:1200px}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;")
        .append("padding:4px 10px;text-align:right}th{background:#eef}td:first-child{text-align:left}")
        .append(".grid{display:flex;flex-wrap:wrap;gap:8px}.grid figure{margin:0;width:120px;")
        .append("font-size:11px}.grid img{width:112px;height:112px;image-rendering:pixelated}")
        .append("</style></head><body>");
    h.append("<h1>").append(esc(r.title())).append("</h1><p>Model <b>").append(esc(r.model()))
        .append("</b> on ").append(esc(r.dataset())).append(". Reported checkpoint: <b>")
        .append(esc(r.selectionRule())).append("</b>.</p>");
    summaryTable(h, r);
    if (r.metrics() != null) {
      perClassTable(h, r.metrics());
      h.append("<h2>Confusion matrix</h2>").append(img(png(ConfusionPlot.render(r.metrics().confusion(), r.title()))));
    }
    attributeTable(h, r);
    if (curvesPng != null && Files.exists(curvesPng)) {
      h.append("<h2>Training curves</h2>").append(img(Files.readAllBytes(curvesPng)));
    }
    mistakes(h, r.mistakes());
    return h.append("</body></html>\n").toString();
  }

  private static void summaryTable(StringBuilder h, EvaluationReport r) {
    h.append("<h2>Summary</h2><table><tr><th>metric</th><th>ours</th><th>paper</th></tr>");
    ClassificationMetrics c = r.metrics();
    if (c != null) {
      row(h, "WAR (accuracy)", c.war() * 100, "war".equals(r.paperMetric()) ? r.paperValue() : Double.NaN);
      row(h, "UAR (mean class recall)", c.uar() * 100, "uar".equals(r.paperMetric()) ? r.paperValue() : Double.NaN);
      row(h, "macro-F1", c.macroF1() * 100, Double.NaN);
      if (!Double.isNaN(c.top2())) {
        row(h, "top-2 accuracy", c.top2() * 100, Double.NaN);
      }
    }
    if (!r.attributes().isEmpty()) {
      row(h, "mean attribute accuracy", r.meanAttributeAccuracy() * 100,
          "mean_attr".equals(r.paperMetric()) ? r.paperValue() : Double.NaN);
    }
    r.extra().forEach((k, v) -> row(h, k, v, Double.NaN));
    h.append("</table>");
    if (r.paperSource() != null) {
      h.append("<p>Paper figure: ").append(esc(r.paperSource())).append("</p>");
    }
  }

  private static void row(StringBuilder h, String name, double ours, double paper) {
    h.append("<tr><td>").append(esc(name)).append("</td><td>").append(pct(ours)).append("</td><td>")
        .append(Double.isNaN(paper) ? "" : pct(paper)).append("</td></tr>");
  }

  private static void perClassTable(StringBuilder h, ClassificationMetrics c) {
    h.append("<h2>Per class</h2><table><tr><th>class</th><th>support</th><th>precision</th>")
        .append("<th>recall</th><th>F1</th></tr>");
    for (ClassMetrics m : c.perClass()) {
      h.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(m.support())
          .append("</td><td>").append(pct(m.precision() * 100)).append("</td><td>")
          .append(pct(m.recall() * 100)).append("</td><td>").append(pct(m.f1() * 100)).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void attributeTable(StringBuilder h, EvaluationReport r) {
    if (r.attributes().isEmpty()) {
      return;
    }
    h.append("<h2>Attributes</h2><table><tr><th>attribute</th><th>accuracy</th></tr>");
    for (Map.Entry<String, Double> e : r.attributes()) {
      h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(pct(e.getValue() * 100)).append("</td></tr>");
    }
    h.append("</table>");
  }

  private static void mistakes(StringBuilder h, List<EvaluationReport.Mistake> list) {
    if (list.isEmpty()) {
      return;
    }
    h.append("<h2>Most confident mistakes</h2><div class=\"grid\">");
    for (EvaluationReport.Mistake m : list) {
      h.append("<figure>");
      if (m.thumbnailPng() != null) {
        h.append(img(m.thumbnailPng()));
      }
      h.append("<figcaption>").append(esc(m.id())).append("<br>true ").append(esc(m.truth()))
          .append("<br>predicted ").append(esc(m.predicted()))
          .append(String.format(Locale.ROOT, " (%.0f%%)", m.confidence() * 100))
          .append("</figcaption></figure>");
    }
    h.append("</div>");
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static byte[] png(java.awt.image.BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static String img(byte[] png) {
    return "<img alt=\"\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}

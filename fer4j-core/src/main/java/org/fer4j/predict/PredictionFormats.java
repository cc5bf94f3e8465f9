package org.fer4j.predict;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.pose.FaceMeasures;

/** JSON-lines and CSV renderings of {@link ImageResult}s, shared by the CLI, server and Spark. */
public final class PredictionFormats {
  /** Reason given for an image that was read but holds no detectable face. */
  public static final String NO_FACE = "no face found";

  /** CSV columns of a face's pose (degrees) and openness ratios, in {@link #measureCells} order. */
  public static final List<String> MEASURE_COLUMNS =
      List.of("yaw", "pitch", "roll", "mouth_open", "left_eye_open", "right_eye_open");

  private static final ObjectMapper JSON = new ObjectMapper();

  private PredictionFormats() {}

  /** One JSON object per image (no trailing newline). */
  public static String jsonLine(ImageResult r) {
    return json(r).toString();
  }

  /** The object of {@link #jsonLine}, for callers that add fields (e.g. each face's overlay file). */
  public static ObjectNode json(ImageResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("source", r.source());
    o.put("ok", r.ok());
    if (!r.ok()) {
      o.put("error", r.error());
      return o;
    }
    o.put("width", r.width());
    o.put("height", r.height());
    if (r.faces().isEmpty()) {
      o.put("reason", NO_FACE);
    }
    ArrayNode faces = o.putArray("faces");
    for (FaceResult f : r.faces()) {
      ObjectNode fo = faces.addObject();
      fo.put("score", round(f.score()));
      box(fo.putObject("box"), f.box());
      fo.put("expression", f.topExpression());
      ObjectNode ex = fo.putObject("expressions");
      f.expressions().forEach((k, v) -> ex.put(k, round(v)));
      if (f.gender() != null) {
        fo.put("age", round(f.age()));
        fo.put("gender", f.gender());
        fo.put("genderProbability", round(f.genderProbability()));
      }
      putMeasures(fo, f);
      ArrayNode pts = fo.putArray("landmarks");
      for (int i = 0; i < f.landmarks().length / 2; i++) {
        pts.addArray().add(round(f.landmarks()[2 * i])).add(round(f.landmarks()[2 * i + 1]));
      }
    }
    return o;
  }

  /**
   * A face's {@code pose} {yaw, pitch, roll} in degrees and {@code openness} {mouth, leftEye,
   * rightEye}; nothing when the face was not measured. Shared with the video records.
   */
  public static void putMeasures(ObjectNode face, FaceResult f) {
    FaceMeasures m = f.measures();
    if (m == null) {
      return;
    }
    face.putObject("pose").put("yaw", round(m.pose().yaw())).put("pitch", round(m.pose().pitch()))
        .put("roll", round(m.pose().roll()));
    face.putObject("openness").put("mouth", round(m.openness().mouth()))
        .put("leftEye", round(m.openness().leftEye())).put("rightEye", round(m.openness().rightEye()));
  }

  /**
   * The CSV cells of {@link #MEASURE_COLUMNS} for a face, each preceded by a comma; empty cells when
   * the face was not measured.
   */
  public static String measureCells(FaceResult f) {
    FaceMeasures m = f.measures();
    if (m == null) {
      return ",".repeat(MEASURE_COLUMNS.size());
    }
    StringBuilder sb = new StringBuilder();
    for (double v : new double[] {m.pose().yaw(), m.pose().pitch(), m.pose().roll(),
        m.openness().mouth(), m.openness().leftEye(), m.openness().rightEye()}) {
      sb.append(',').append(fmt(v));
    }
    return sb.toString();
  }

  private static void box(ObjectNode o, FaceBox b) {
    o.put("x", round(b.x()));
    o.put("y", round(b.y()));
    o.put("width", round(b.width()));
    o.put("height", round(b.height()));
  }

  private static double round(double v) {
    return Math.round(v * 10000d) / 10000d;
  }

  /** CSV header for a label space. */
  public static String csvHeader(LabelSpace labels) {
    List<String> cols =
        new ArrayList<>(List.of("source", "face", "score", "x", "y", "width", "height", "expression"));
    labels.classes().forEach(c -> cols.add("p_" + c.toLowerCase(Locale.ROOT)));
    cols.addAll(List.of("age", "gender", "gender_probability"));
    cols.addAll(MEASURE_COLUMNS);
    cols.add("error");
    return String.join(",", cols);
  }

  /** CSV rows for one image: one per face, or one carrying the error / no-face reason. */
  public static List<String> csvRows(ImageResult r, LabelSpace labels) {
    List<String> rows = new ArrayList<>();
    String src = quote(r.source());
    if (!r.ok() || r.faces().isEmpty()) {
      String reason = r.ok() ? NO_FACE : r.error();
      rows.add(src + "," + ",".repeat(7 + labels.size() + 3 + MEASURE_COLUMNS.size()) + quote(reason));
      return rows;
    }
    for (int i = 0; i < r.faces().size(); i++) {
      FaceResult f = r.faces().get(i);
      StringBuilder sb = new StringBuilder(src).append(',').append(i);
      FaceBox b = f.box();
      for (double v : new double[] {f.score(), b.x(), b.y(), b.width(), b.height()}) {
        sb.append(',').append(fmt(v));
      }
      sb.append(',').append(f.topExpression());
      for (Map.Entry<String, Float> e : f.expressions().entrySet()) {
        sb.append(',').append(fmt(e.getValue()));
      }
      boolean ag = f.gender() != null;
      sb.append(',').append(ag ? fmt(f.age()) : "").append(',').append(ag ? f.gender() : "");
      sb.append(',').append(ag ? fmt(f.genderProbability()) : "");
      sb.append(measureCells(f)).append(',');
      rows.add(sb.toString());
    }
    return rows;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}

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

  /** The column {@link #withClassifier} adds at the end of CSV lines: which classifier predicted. */
  public static final String CLASSIFIER_COLUMN = "classifier";

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
      ObjectNode fo = putFace(faces.addObject(), f);
      ArrayNode pts = fo.putArray("landmarks");
      for (int i = 0; i < f.landmarks().length / 2; i++) {
        pts.addArray().add(round(f.landmarks()[2 * i])).add(round(f.landmarks()[2 * i + 1]));
      }
    }
    return o;
  }

  /**
   * A face's fields, the one JSON form every output shares (images, server, video): score, box,
   * top expression, probabilities, age and gender when predicted, pose and openness when measured.
   *
   * @return {@code face}, for the caller's own fields (landmarks, track, overlay)
   */
  public static ObjectNode putFace(ObjectNode face, FaceResult f) {
    face.put("score", round(f.score()));
    box(face.putObject("box"), f.box());
    face.put("expression", f.topExpression());
    putProbabilities(face.putObject("expressions"), f.expressions());
    if (f.gender() != null) {
      face.put("age", round(f.age()));
      face.put("gender", f.gender());
      face.put("genderProbability", round(f.genderProbability()));
    }
    putMeasures(face, f);
    return face;
  }

  /** Class probabilities, rounded, in the map's order. */
  public static ObjectNode putProbabilities(ObjectNode into, Map<String, Float> probabilities) {
    probabilities.forEach((k, v) -> into.put(k, round(v)));
    return into;
  }

  /**
   * The CSV cells every face row shares, each preceded by a comma: score, box, top expression and
   * the probabilities in label order.
   */
  public static StringBuilder appendFaceCells(StringBuilder sb, FaceResult f) {
    FaceBox b = f.box();
    for (double v : new double[] {f.score(), b.x(), b.y(), b.width(), b.height()}) {
      sb.append(',').append(fmt(v));
    }
    sb.append(',').append(f.topExpression());
    for (Float v : f.expressions().values()) {
      sb.append(',').append(fmt(v));
    }
    return sb;
  }

  /** A CSV line with the classifier's name as one more, last, cell ({@link #CLASSIFIER_COLUMN}). */
  public static String withClassifier(String line, String classifier) {
    return line + "," + quote(classifier);
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

  /** Rounds to 4 decimals, as every JSON number of a result. */
  public static double round(double v) {
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
      StringBuilder sb = appendFaceCells(new StringBuilder(src).append(',').append(i), f);
      boolean ag = f.gender() != null;
      sb.append(',').append(ag ? fmt(f.age()) : "").append(',').append(ag ? f.gender() : "");
      sb.append(',').append(ag ? fmt(f.genderProbability()) : "");
      sb.append(measureCells(f)).append(',');
      rows.add(sb.toString());
    }
    return rows;
  }

  /** A CSV number: 4 decimals, locale-independent. */
  public static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  /** A CSV cell: quoted when it holds a comma, quote or newline. */
  public static String quote(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}

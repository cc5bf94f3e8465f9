package org.fer4j.predict.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.data.LabelSpace;
import org.fer4j.predict.FaceResult;
import org.fer4j.predict.PredictionFormats;

/**
 * JSON lines (one per frame) and CSV (one row per frame and track) for video results; each face is
 * serialised by {@link PredictionFormats#putFace} as for images. Landmarks are left out: 68 points
 * per face and frame would make an hour of video gigabytes of text.
 */
public final class VideoFormats {
  private static final ObjectMapper JSON = new ObjectMapper();

  private VideoFormats() {}

  /** One JSON object per analysed frame (no trailing newline). */
  public static String jsonLine(FrameResult r) {
    return json(r).toString();
  }

  /** {@link #jsonLine} naming the classifier that predicted the faces' expressions. */
  public static String jsonLine(FrameResult r, String classifier) {
    return json(r).put("classifier", classifier).toString();
  }

  private static ObjectNode json(FrameResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("source", r.source());
    o.put("frame", r.frame());
    o.put("time", Double.isNaN(r.seconds()) ? null : round(r.seconds()));
    o.put("ok", r.ok());
    if (!r.ok()) {
      o.put("error", r.error());
      return o;
    }
    o.put("width", r.width());
    o.put("height", r.height());
    if (r.faces().isEmpty()) {
      o.put("reason", PredictionFormats.NO_FACE);
    }
    ArrayNode faces = o.putArray("faces");
    for (TrackedFace t : r.faces()) {
      ObjectNode fo = faces.addObject().put("track", t.track());
      PredictionFormats.putFace(fo, t.face());
      if (t.clipExpressions() != null) {
        fo.put("clipExpression", top(t.clipExpressions()));
        PredictionFormats.putProbabilities(fo.putObject("clipExpressions"), t.clipExpressions());
      }
    }
    return o;
  }

  /** CSV header; {@code clipLabels} null when no clip model runs. */
  public static String csvHeader(LabelSpace labels, LabelSpace clipLabels) {
    List<String> cols = new ArrayList<>(List.of(
        "source", "frame", "time", "track", "score", "x", "y", "width", "height", "expression"));
    labels.classes().forEach(c -> cols.add("p_" + c.toLowerCase(Locale.ROOT)));
    if (clipLabels != null) {
      cols.add("clip_expression");
      clipLabels.classes().forEach(c -> cols.add("clip_p_" + c.toLowerCase(Locale.ROOT)));
    }
    cols.addAll(PredictionFormats.MEASURE_COLUMNS);
    cols.add("error");
    return String.join(",", cols);
  }

  /** Rows for one frame: one per face, or one with the error / no-face reason. */
  public static List<String> csvRows(FrameResult r, LabelSpace labels, LabelSpace clipLabels) {
    String head = quote(r.source()) + "," + r.frame() + "," + (Double.isNaN(r.seconds()) ? "" : fmt(r.seconds()));
    int clipCols = clipLabels == null ? 0 : 1 + clipLabels.size();
    if (!r.ok() || r.faces().isEmpty()) {
      String reason = r.ok() ? PredictionFormats.NO_FACE : r.error();
      int measureCols = PredictionFormats.MEASURE_COLUMNS.size();
      return List.of(head + ",".repeat(7 + labels.size() + clipCols + measureCols + 1) + quote(reason));
    }
    List<String> rows = new ArrayList<>();
    for (TrackedFace t : r.faces()) {
      FaceResult f = t.face();
      StringBuilder sb = PredictionFormats.appendFaceCells(new StringBuilder(head).append(',').append(t.track()), f);
      if (clipLabels != null) {
        Map<String, Float> clip = t.clipExpressions();
        sb.append(',').append(clip == null ? "" : top(clip));
        for (String c : clipLabels.classes()) {
          sb.append(',').append(clip == null ? "" : fmt(clip.get(c)));
        }
      }
      rows.add(sb.append(PredictionFormats.measureCells(f)).append(',').toString());
    }
    return rows;
  }

  static String top(Map<String, Float> probs) {
    return probs.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  private static double round(double v) {
    return PredictionFormats.round(v);
  }

  private static String fmt(double v) {
    return PredictionFormats.fmt(v);
  }

  private static String quote(String s) {
    return PredictionFormats.quote(s);
  }
}

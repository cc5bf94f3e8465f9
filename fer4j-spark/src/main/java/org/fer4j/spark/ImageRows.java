package org.fer4j.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.pose.FaceMeasures;
import org.fer4j.predict.FaceResult;
import org.fer4j.predict.ImageResult;
import org.fer4j.predict.PredictionFormats;

/**
 * The job's output rows, flat so that CSV can hold them: one row per face, or one row with a null
 * face index for an image without a face ({@code reason = "no face found"}) or a file that could
 * not be read ({@code ok = false}, {@code error} says why). Head pose and openness columns are
 * those of {@link PredictionFormats#MEASURE_COLUMNS}. {@code image_width} and {@code
 * image_height} are those of the upright photo (after its EXIF orientation), null when unreadable.
 */
final class ImageRows {
  private ImageRows() {}

  static StructType schema(LabelSpace labels) {
    List<StructField> f = new ArrayList<>(List.of(
        DataTypes.createStructField("path", DataTypes.StringType, false),
        DataTypes.createStructField("ok", DataTypes.BooleanType, false),
        DataTypes.createStructField("face", DataTypes.IntegerType, true),
        DataTypes.createStructField("score", DataTypes.DoubleType, true),
        DataTypes.createStructField("x", DataTypes.DoubleType, true),
        DataTypes.createStructField("y", DataTypes.DoubleType, true),
        DataTypes.createStructField("width", DataTypes.DoubleType, true),
        DataTypes.createStructField("height", DataTypes.DoubleType, true),
        DataTypes.createStructField("expression", DataTypes.StringType, true)));
    for (String c : labels.classes()) {
      f.add(DataTypes.createStructField(column(c), DataTypes.FloatType, true));
    }
    f.add(DataTypes.createStructField("age", DataTypes.FloatType, true));
    f.add(DataTypes.createStructField("gender", DataTypes.StringType, true));
    for (String c : PredictionFormats.MEASURE_COLUMNS) {
      f.add(DataTypes.createStructField(c, DataTypes.DoubleType, true));
    }
    f.add(DataTypes.createStructField("reason", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("error", DataTypes.StringType, true));
    f.add(DataTypes.createStructField("image_width", DataTypes.IntegerType, true));
    f.add(DataTypes.createStructField("image_height", DataTypes.IntegerType, true));
    return DataTypes.createStructType(f);
  }

  /** Column name of a class probability: {@code p_} and the lower-case class name. */
  static String column(String className) {
    return "p_" + className.toLowerCase(Locale.ROOT);
  }

  static List<Row> rows(ImageResult r, LabelSpace labels) {
    int measures = PredictionFormats.MEASURE_COLUMNS.size();
    int reason = 11 + labels.size() + measures;
    int width = reason + 4; // reason, error, image_width, image_height
    List<Row> out = new ArrayList<>();
    if (!r.ok() || r.faces().isEmpty()) {
      Object[] v = new Object[width];
      v[0] = r.source();
      v[1] = r.ok();
      v[reason] = r.ok() ? PredictionFormats.NO_FACE : null;
      v[reason + 1] = r.error();
      imageSize(v, r, reason + 2);
      out.add(RowFactory.create(v));
      return out;
    }
    for (int i = 0; i < r.faces().size(); i++) {
      FaceResult face = r.faces().get(i);
      FaceBox b = face.box();
      Object[] v = new Object[width];
      Object[] head = {r.source(), true, i, face.score(), (double) b.x(), (double) b.y(),
          (double) b.width(), (double) b.height(), face.topExpression()};
      System.arraycopy(head, 0, v, 0, head.length);
      for (int c = 0; c < labels.size(); c++) {
        v[9 + c] = face.expressions().get(labels.nameOf(c));
      }
      v[9 + labels.size()] = face.gender() == null ? null : face.age();
      v[10 + labels.size()] = face.gender();
      FaceMeasures m = face.measures();
      if (m != null) {
        Object[] cells = {m.pose().yaw(), m.pose().pitch(), m.pose().roll(),
            m.openness().mouth(), m.openness().leftEye(), m.openness().rightEye()};
        System.arraycopy(cells, 0, v, 11 + labels.size(), measures);
      }
      imageSize(v, r, reason + 2);
      out.add(RowFactory.create(v));
    }
    return out;
  }

  private static void imageSize(Object[] row, ImageResult r, int at) {
    if (r.ok()) {
      row[at] = r.width();
      row[at + 1] = r.height();
    }
  }
}

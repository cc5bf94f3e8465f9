package org.fer4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.predict.BlockExpressionClassifier;

/**
 * Batch expression prediction on Spark: image paths in (a folder, a text file with one path per
 * line, or a column of a Parquet file), one row per face out (see {@link ImageRows}), written as
 * Parquet or CSV. Each partition runs one predictor over the executor's shared networks; bad
 * files become error rows, never a failed job.
 */
public final class SparkPredictJob {
  private static final List<String> IMAGES = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

  private SparkPredictJob() {}

  /** Counts of a finished run. */
  public record Summary(long images, long rows, long faces, long failedImages) {}

  /**
   * The image paths of an input.
   *
   * @param input a folder (every image under it, listed on the driver, so it must be a path the
   *     executors see too), a {@code .txt}/{@code .lst} file of paths, or a {@code .parquet} file
   *     or folder
   * @param column the Parquet column holding the paths
   */
  public static Dataset<String> paths(SparkSession spark, String input, String column) {
    Path p = Path.of(input);
    String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      Dataset<Row> table = spark.read().parquet(input);
      if (!List.of(table.columns()).contains(column)) {
        throw FerException.badInput("Parquet input " + input + " has no column '" + column + "' (columns: "
            + String.join(", ", table.columns()) + "); choose one with --column");
      }
      return table.select(functions.col(column).cast("string")).as(Encoders.STRING());
    }
    if (Files.isDirectory(p)) {
      try (Stream<Path> files = Files.walk(p)) {
        List<String> images = files.filter(Files::isRegularFile).map(Path::toString)
            .filter(f -> IMAGES.stream().anyMatch(f.toLowerCase(Locale.ROOT)::endsWith)).sorted().toList();
        return spark.createDataset(images, Encoders.STRING());
      } catch (IOException e) {
        throw FerException.badInput("cannot list input folder " + input + ": " + e.getMessage());
      }
    }
    if (Files.isRegularFile(p)) {
      return spark.read().textFile(input).map((org.apache.spark.api.java.function.MapFunction<String, String>) String::trim, Encoders.STRING())
          .filter((org.apache.spark.api.java.function.FilterFunction<String>) s -> !s.isEmpty() && !s.startsWith("#"));
    }
    throw FerException.notFound("input " + input + " does not exist (give a folder, a text file of paths or a .parquet file)");
  }

  /**
   * Predicts every path; lazy until the result is written or collected. With a trained run the
   * driver opens it too (once per JVM), to check it before any task starts and to name the
   * probability columns after the run's classes.
   */
  public static Dataset<Row> predict(Dataset<String> paths, PredictSettings settings) {
    LabelSpace labels = settings.run() == null ? LabelSpace.EXPRESSION_7
        : BlockExpressionClassifier.of(ExecutorModels.run(settings)).labels();
    return paths.mapPartitions(new PartitionPredictor(settings), Encoders.row(ImageRows.schema(labels)));
  }

  /**
   * Reads, predicts and writes.
   *
   * @param format {@code parquet} or {@code csv} (with a header row)
   * @param partitions how many partitions to spread the paths over (0 = Spark's default parallelism)
   */
  public static Summary run(SparkSession spark, String input, String column, String output, String format,
      int partitions, PredictSettings settings) {
    if (!format.equals("parquet") && !format.equals("csv")) {
      throw FerException.badInput("output format must be parquet or csv, was '" + format + "'");
    }
    Dataset<String> paths = paths(spark, input, column);
    int n = partitions > 0 ? partitions : spark.sparkContext().defaultParallelism();
    Dataset<Row> rows = predict(paths.repartition(n), settings).cache();
    try {
      if (format.equals("csv")) {
        rows.write().mode(SaveMode.Overwrite).option("header", "true").csv(output);
      } else {
        rows.write().mode(SaveMode.Overwrite).parquet(output);
      }
      Row counts = rows.agg(functions.countDistinct("path"), functions.count(functions.lit(1)),
          functions.count("face"), functions.countDistinct(functions.when(functions.col("ok").equalTo(false), functions.col("path"))))
          .first();
      return new Summary(counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3));
    } finally {
      rows.unpersist();
    }
  }
}

package org.fer4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The embedded Spark of {@code fer spark predict}: a session on the given master (local mode by
 * default), the job, and the session stopped again. Only JDK and fer4j types in its signature,
 * so the CLI can call it without Spark at compile time.
 */
public final class LocalSpark {
  private LocalSpark() {}

  /** True when Spark's classes are on the class path (the CLI jar alone does not carry them). */
  public static boolean available() {
    try {
      Class.forName("org.apache.spark.sql.SparkSession", false, LocalSpark.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** Runs {@link SparkPredictJob#run} on a fresh session; returns images, rows, faces, failed. */
  public static long[] predict(String master, String input, String column, String output, String format,
      int partitions, PredictSettings settings) {
    SparkSession spark = SparkSession.builder().master(master).appName("fer4j predict")
        .config("spark.ui.enabled", "false").getOrCreate();
    try {
      SparkPredictJob.Summary s = SparkPredictJob.run(spark, input, column, output, format, partitions, settings);
      return new long[] {s.images(), s.rows(), s.faces(), s.failedImages()};
    } finally {
      spark.stop();
    }
  }
}

package org.fer4j.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.fer4j.FerException;
import org.fer4j.engine.InferenceEngine;

/**
 * Entry point for {@code spark-submit} (the shaded {@code fer4j-spark} jar): {@code --input PATH
 * --output DIR [--format parquet|csv] [--column path] [--weights DIR] [--detector tiny|ssd]
 * [--input-size N] [--min-score S] [--partitions N] [--threads N] [--batch N] [--no-age-gender]
 * [--run RUN_DIR|NAME | --classifier faceapi|fer2013|ensemble [--human-models DIR]]
 * [--engine djl|onnxruntime]}. The master comes from
 * spark-submit. Exit code 0, or the {@link FerException.Kind} code on bad arguments.
 */
public final class SparkPredictMain {
  private static final List<String> FLAGS = List.of("--input", "--output", "--format", "--column", "--weights",
      "--detector", "--input-size", "--partitions", "--threads", "--batch", "--min-score", "--run", "--classifier",
      "--human-models", "--engine");

  private SparkPredictMain() {}

  public static void main(String[] args) {
    try {
      Map<String, String> a = parse(args);
      PredictSettings settings = new PredictSettings(a.get("--weights"), a.getOrDefault("--detector", "tiny"),
          Integer.parseInt(a.getOrDefault("--input-size", "416")), Double.parseDouble(a.getOrDefault("--min-score", "0.5")),
          !a.containsKey("--no-age-gender"), Integer.parseInt(a.getOrDefault("--batch", "8")),
          Integer.parseInt(a.getOrDefault("--threads", "1")), a.get("--run"), a.get("--classifier"), a.get("--human-models"),
          InferenceEngine.parse(a.getOrDefault("--engine", InferenceEngine.DEFAULT.id())));
      SparkSession spark = SparkSession.builder().appName("fer4j predict").getOrCreate();
      SparkPredictJob.Summary s = SparkPredictJob.run(spark, a.get("--input"), a.getOrDefault("--column", "path"),
          a.get("--output"), a.getOrDefault("--format", "parquet"), Integer.parseInt(a.getOrDefault("--partitions", "0")), settings);
      System.err.println("fer4j: " + s.images() + " images, " + s.faces() + " faces, " + s.failedImages() + " unreadable -> " + a.get("--output"));
      spark.stop();
    } catch (FerException e) {
      System.err.println("fer4j: " + e.getMessage());
      System.exit(e.kind().exitCode());
    }
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--no-age-gender")) {
        out.put(args[i], "true");
      } else if (FLAGS.contains(args[i]) && i + 1 < args.length) {
        out.put(args[i], args[++i]);
      } else {
        throw FerException.badInput("unknown or incomplete argument '" + args[i] + "'; expected " + FLAGS + " or --no-age-gender");
      }
    }
    for (String required : List.of("--input", "--output")) {
      if (!out.containsKey(required)) {
        throw FerException.badInput("missing " + required);
      }
    }
    return out;
  }
}

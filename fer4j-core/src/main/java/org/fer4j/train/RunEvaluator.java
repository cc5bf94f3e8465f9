package org.fer4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;
import org.fer4j.data.datasets.DatasetIndex;
import org.fer4j.data.loader.BatchLoader;
import org.fer4j.eval.EvaluationReport;
import org.fer4j.eval.LabelMapping;
import org.fer4j.eval.ReportWriter;
import org.fer4j.eval.Thumbnails;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.TrainedModel;

/**
 * Evaluates a finished run ({@link TrainedModel}) on a list of samples and builds its report: the
 * code behind {@code fer eval}, and the same report {@link TrainJob#report} writes, so both give
 * identical numbers for the same checkpoint. The data set's classes are mapped into the model's by
 * name ({@link LabelMapping}); the reported checkpoint is the one the run selected on its
 * validation split, never on the samples evaluated here.
 */
public final class RunEvaluator {
  /** Mistakes kept for the report's grid. */
  public static final int MISTAKES = 24;

  private RunEvaluator() {}

  /**
   * What to evaluate a run on.
   *
   * @param format reader name
   * @param root data set folder
   * @param settings reader settings (the run's own, e.g. its fold, when it is the run's data set)
   * @param split split name; {@code val} also names the run's hold-out when the data set has none
   */
  public record DataTarget(String format, Path root, Map<String, String> settings, String split) {}

  /** Progress of an evaluation, after every batch. */
  @FunctionalInterface
  public interface Progress {
    void update(long samplesDone, long samplesTotal);
  }

  /** An evaluation and its report. */
  public record Result(Evaluation evaluation, EvaluationReport report, int samples) {}

  /**
   * The target for a run: its own data set (format, folder, reader settings such as the fold)
   * unless {@code format} or {@code root} say otherwise; {@code extraSettings} override or add
   * reader settings.
   */
  public static DataTarget target(TrainConfig c, String format, Path root, Map<String, String> extraSettings,
      String split) {
    boolean own = format == null || format.equalsIgnoreCase(c.data().format());
    if (!own && root == null) {
      throw FerException.badInput("--format " + format + " names another data set than the run's ("
          + c.data().format() + "); give its folder with --data DIR");
    }
    Map<String, String> settings = new LinkedHashMap<>(own ? c.data().options() : Map.of());
    settings.putAll(extraSettings);
    return new DataTarget(own ? c.data().format() : format, root != null ? root : Path.of(c.data().root()),
        settings, split);
  }

  /**
   * Evaluates a run on a target and writes report.json and report.html into {@code out}.
   *
   * @param progress told the samples done after each batch
   */
  public static Result run(TrainedModel model, DataTarget t, Path out, Progress progress)
      throws IOException {
    TrainConfig c = model.config();
    DatasetIndex index = RunData.read(t.format(), t.root(), t.settings(), c.seed());
    boolean own = t.format().equalsIgnoreCase(c.data().format());
    List<Sample> samples = samplesOf(index, c, t.split(), own);
    if (samples.isEmpty()) {
      throw FerException.badInput("split '" + t.split() + "' of " + t.root() + " (" + t.format() + ") is empty");
    }
    long total = samples.size();
    Evaluation e = evaluate(model, samples, index.labels(), n -> progress.update(n, total));
    String dataset = datasetName(t.format(), t.split(), t.settings());
    EvaluationReport r = report(c, dataset, model.selectionRule(), e, samples, own && t.split().equals("test"), Map.of());
    ReportWriter.write(r, out, model.run().curvesPng());
    return new Result(e, r, samples.size());
  }

  /** How reports name an evaluated split: "dfew test (fold 2)", "rafdb test". */
  public static String datasetName(String format, String split, Map<String, String> settings) {
    String fold = settings.get("fold");
    return format + " " + split + (fold == null || fold.equals("0") ? "" : " (fold " + fold + ")");
  }

  /** The split's samples; {@code val} of the run's own data is its validation hold-out when the data set has no val split. */
  static List<Sample> samplesOf(DatasetIndex index, TrainConfig c, String split, boolean own) {
    if (split.equals("val") && own && !index.splitNames().contains("val") && index.splitNames().contains("train")) {
      return RunData.trainVal(index, c).get(1);
    }
    return index.split(split);
  }

  /**
   * Runs the model over {@code samples} (labels in {@code dataLabels}) with the run's evaluation
   * preprocessing.
   *
   * @param progress receives the number of samples done after each batch
   */
  public static Evaluation evaluate(TrainedModel model, List<Sample> samples, LabelSpace dataLabels,
      LongConsumer progress) {
    List<Sample> mapped = LabelMapping.between(dataLabels, model.labels()).apply(samples);
    try (BatchLoader loader = RunData.loader(model.config(), model.preprocess(), mapped, false)) {
      return Evaluation.run(model.block(), loader, model.labels(), model.manager(), progress);
    }
  }

  /**
   * The report of an evaluation: metrics with class names, the selection rule, the paper's figure
   * (only when {@code paperApplies}: the recipe's target is about its own data set) and the most
   * confident mistakes with thumbnails.
   */
  public static EvaluationReport report(TrainConfig config, String dataset, String selectionRule, Evaluation e,
      List<Sample> samples, boolean paperApplies, Map<String, Double> extra) {
    TrainConfig.PaperTarget t = paperApplies ? config.target() : null;
    return new EvaluationReport(
        config.model() + " on " + dataset, config.model(), dataset, selectionRule, e.metrics(),
        e.attributes() == null ? null : e.attributes().perAttribute(),
        e.attributes() == null ? Double.NaN : e.attributes().meanAccuracy(),
        t == null ? null : t.metric(), t == null ? Double.NaN : t.value(), t == null ? null : t.source(),
        Thumbnails.attach(e.topMistakes(MISTAKES), samples), extra);
  }
}

package org.fer4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.fer4j.FerException;
import org.fer4j.eval.EvaluationReport;
import org.fer4j.eval.FoldSummary;
import org.fer4j.train.FoldEvaluation;
import org.fer4j.train.FoldRuns;
import org.fer4j.train.RunEvaluator;
import org.fer4j.run.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fer eval --run RUN_DIR}: evaluates a trained run's selected checkpoint on a data set split
 * (its own test split by default, or another data set with {@code --data/--format}, e.g. FED-RO
 * with a RAF-DB run), writes report.html and report.json and prints the summary with class names.
 * A cross-validation parent ({@code fer train --folds}) is evaluated fold by fold with a combined
 * per-fold and mean ± std report.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate a trained run (or a --folds parent) on a data set split and write report.html/report.json.")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--run", required = true, paramLabel = "RUN_DIR",
      description = "A run directory from fer train, or the parent folder of a --folds protocol.")
  Path run;

  @Option(names = "--data", paramLabel = "DIR", description = "Data set folder (default: the one the run was trained on).")
  Path data;

  @Option(names = "--format", paramLabel = "NAME", description = "Reader of --data (default: the run's), e.g. fedro.")
  String format;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Reader setting (see fer data formats), repeatable.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--split", defaultValue = "test",
      description = "Split to evaluate (default: ${DEFAULT-VALUE}); val is the run's validation hold-out.")
  String split;

  @Option(names = "--checkpoint", defaultValue = "best",
      description = "best (chosen on validation, the default) or last (the last epoch).")
  String checkpoint;

  @Option(names = "--folds", paramLabel = "SPEC", description = "Folds of a --folds parent to evaluate, e.g. 1-5 (default: all).")
  String folds;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Report folder (default: RUN_DIR/eval-FORMAT-SPLIT; a folds parent: the parent itself).")
  Path out;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @picocli.CommandLine.Mixin DeviceMixin device;

  @Override
  public Integer call() throws Exception {
    device.start();
    TrainedModel.Selection selection = selection(checkpoint);
    if (!TrainedModel.isRunDirectory(run) && FoldRuns.isParent(run)) {
      return evaluateFolds(selection);
    }
    if (folds != null) {
      throw FerException.badInput("--folds needs the parent folder of a fer train --folds protocol; " + run
          + " is a single run");
    }
    try (TrainedModel m = TrainedModel.open(run, selection)) {
      RunEvaluator.DataTarget t = RunEvaluator.target(m.config(), format, data, readerSettings(), split);
      Path dir = out != null ? out : run.resolve("eval-" + t.format() + "-" + split
          + (selection == TrainedModel.Selection.LAST ? "-last" : ""));
      System.out.println("evaluating " + run + " (" + m.selectionRule() + ") on " + t.format() + " " + split
          + " in " + t.root());
      RunEvaluator.Result r;
      try (Bar bar = new Bar("eval", noProgress)) {
        r = RunEvaluator.run(m, t, dir, bar);
      }
      printSummary(r.report());
      System.out.println("report: " + dir.resolve("report.html"));
    }
    return 0;
  }

  private int evaluateFolds(TrainedModel.Selection selection) throws Exception {
    if (format != null || !settings.isEmpty()) {
      throw FerException.badInput("a --folds parent is evaluated on each fold's own test split; drop --format/--set");
    }
    if (!split.equals("test")) {
      throw FerException.badInput("a --folds parent is evaluated on each fold's test split; drop --split " + split);
    }
    Path dir = out != null ? out : selection == TrainedModel.Selection.LAST ? run.resolve("eval-last") : run;
    List<Integer> wanted = folds == null ? List.of() : FoldRuns.parse(folds);
    List<Bar> bars = new ArrayList<>();
    FoldSummary s;
    try {
      s = FoldEvaluation.run(run, wanted, selection, data, dir, k -> {
        bars.forEach(Bar::close);
        Bar b = new Bar("fold " + k, noProgress);
        bars.add(b);
        return b;
      });
    } finally {
      bars.forEach(Bar::close);
    }
    System.out.println(s.title());
    System.out.print(s.table());
    System.out.println("report: " + dir.resolve("report.html"));
    return 0;
  }

  static TrainedModel.Selection selection(String checkpoint) {
    return switch (checkpoint.toLowerCase(Locale.ROOT)) {
      case "best" -> TrainedModel.Selection.BEST;
      case "last" -> TrainedModel.Selection.LAST;
      default -> throw FerException.badInput("--checkpoint must be best or last, was '" + checkpoint + "'");
    };
  }

  private Map<String, String> readerSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String kv : settings) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw FerException.badInput("--set needs KEY=VALUE, was '" + kv + "'");
      }
      m.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
    }
    return m;
  }

  /** The summary table with class names (or the attribute accuracies) and the selection rule. */
  static void printSummary(EvaluationReport r) {
    System.out.println(r.title() + ", checkpoint: " + r.selectionRule());
    if (r.metrics() != null) {
      System.out.print(r.metrics().table());
    }
    if (!r.attributes().isEmpty()) {
      r.attributes().forEach(e -> System.out.printf(Locale.ROOT, "%-22s %.4f%n", e.getKey(), e.getValue()));
      System.out.printf(Locale.ROOT, "mean attribute accuracy %.4f%n", r.meanAttributeAccuracy());
    }
    double paper = r.paperValue();
    if (r.paperMetric() != null && !Double.isNaN(paper)) {
      System.out.printf(Locale.ROOT, "%s: ours %.2f, paper %.2f (%s)%n", r.paperMetric(), r.ourValueForPaperMetric(),
          paper, r.paperSource());
    }
  }

  /** A progress bar over samples on stderr (none when switched off). */
  static final class Bar implements RunEvaluator.Progress, AutoCloseable {
    private final String name;
    private final boolean off;
    private ProgressBar bar;

    Bar(String name, boolean off) {
      this.name = name;
      this.off = off;
    }

    @Override
    public void update(long done, long total) {
      if (off) {
        return;
      }
      if (bar == null) {
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
            .setConsumer(new InteractiveConsoleProgressBarConsumer(System.err)).build();
      }
      bar.stepTo(done);
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}

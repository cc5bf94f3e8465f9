package org.fer4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.fer4j.eval.EvaluationReport;
import org.fer4j.eval.FoldReportWriter;
import org.fer4j.eval.FoldSummary;
import org.fer4j.train.EpochSummary;
import org.fer4j.train.FoldRuns;
import org.fer4j.train.RunWriter;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.TrainConfigs;
import org.fer4j.train.TrainJob;
import org.fer4j.run.TrainedModel;
import org.fer4j.train.TrainingLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fer train}: a recipe plus overrides -> a run directory with checkpoints and a report. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model from a recipe (recipes/NAME.json or a file); --resume continues a run.")
public final class TrainCommand implements Callable<Integer> {
  @Option(names = "--recipe", description = "Recipe name in recipes/ or a JSON file.")
  String recipe;

  @Option(names = "--data", description = "Data set folder (overrides the recipe's data.root).")
  Path data;

  @Option(names = "--set", description = "Override a recipe field: key=value (dotted keys), repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--runs", defaultValue = "runs", description = "Parent folder of run directories (default: ${DEFAULT-VALUE}).")
  Path runs;

  @Option(names = "--resume", description = "Continue the run in this directory from its last finished epoch.")
  Path resume;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @Option(names = "--folds", paramLabel = "SPEC",
      description = "Cross-validation: one run per fold (e.g. 1-5 for DFEW, 1-10 for CK+) in runs/NAME-TIME/fold-N/,"
          + " then a combined per-fold and mean ± std report. --resume PARENT continues such a protocol.")
  String folds;

  @picocli.CommandLine.Mixin WeightsMixin weights;

  @picocli.CommandLine.Mixin DeviceMixin device;

  @Override
  public Integer call() throws Exception {
    device.start();
    weights.named().ifPresent(n -> overrides.add(org.fer4j.models.faceres.FaceResWeights.OPTION_KEY + "=" + n));
    if (folds != null || (resume != null && !TrainedModel.isRunDirectory(resume) && FoldRuns.isParent(resume))) {
      return trainFolds();
    }
    TrainJob job;
    if (resume != null && !weights.isSet()) {
      job = TrainJob.resume(resume, data);
    } else if (resume == null) {
      if (recipe == null) {
        throw org.fer4j.FerException.badInput("give --recipe NAME|FILE (or --resume RUN_DIR)");
      }
      TrainConfig c = TrainConfigs.load(Recipes.resolve(recipe), overrides);
      job = TrainJob.start(c, runs, data != null ? data : Path.of(c.data().root()));
      if (weights.named().isEmpty()) {
        weights.apply(job.block(), System.out); // fine-tuning: --pretrained before the first epoch
      }
    } else {
      throw org.fer4j.FerException.badInput("--pretrained starts a new run; --resume continues from the run's own checkpoint");
    }
    try (job) {
      trainAndReport(job, noProgress);
      return 0;
    }
  }

  /**
   * Trains (or resumes) every fold of a protocol into its parent folder, then writes and prints
   * the combined report.
   */
  private int trainFolds() throws Exception {
    Path parent;
    FoldRuns.Plan plan;
    if (resume != null) {
      if (folds != null || recipe != null) {
        throw org.fer4j.FerException.badInput("--resume PARENT continues the folds of its plan; drop --folds/--recipe");
      }
      parent = resume;
      plan = FoldRuns.readPlan(parent);
    } else {
      if (recipe == null) {
        throw org.fer4j.FerException.badInput("give --recipe NAME|FILE with --folds");
      }
      TrainConfig c = TrainConfigs.load(Recipes.resolve(recipe), overrides);
      Path root = (data != null ? data : Path.of(c.data().root())).toAbsolutePath().normalize();
      TrainConfig.DataConfig d = c.data();
      c = c.withData(new TrainConfig.DataConfig(d.format(), root.toString(), d.options(), d.inputSize(), d.frames(),
          d.valFraction()));
      plan = new FoldRuns.Plan(c, FoldRuns.parse(folds));
      parent = FoldRuns.createParent(runs, c, plan.folds());
    }
    System.out.println("protocol: " + parent + " (folds " + plan.folds() + ")");
    List<FoldSummary.Fold> results = new ArrayList<>();
    for (int k : plan.folds()) {
      Path dir = FoldRuns.foldDir(parent, k);
      System.out.println("fold " + k);
      boolean started = TrainedModel.isRunDirectory(dir);
      TrainJob job = started
          ? TrainJob.resume(dir, data)
          : TrainJob.startIn(FoldRuns.forFold(plan.base(), k), RunWriter.createAt(dir),
              data != null ? data : Path.of(plan.base().data().root()));
      try (job) {
        if (!started && weights.named().isEmpty()) {
          weights.apply(job.block(), System.out); // fine-tuning: --pretrained before each fold's first epoch
        }
        results.add(new FoldSummary.Fold(k, dir.getFileName().toString(), trainAndReport(job, noProgress)));
      }
    }
    FoldSummary s = FoldSummary.of(plan.base().model() + " on " + plan.base().data().format() + ", "
        + results.size() + " folds", results);
    FoldReportWriter.write(s, parent);
    System.out.print(s.table());
    System.out.println("report: " + parent.resolve("report.html"));
    return 0;
  }

  /** Trains, evaluates the selected checkpoint on the test split and prints where the report is. */
  static EvaluationReport trainAndReport(TrainJob job, boolean noProgress) throws Exception {
    System.out.println("run: " + job.run().path());
    // Augmentation differs per recipe; say which one this run uses and where it comes from.
    System.out.println("augment: " + org.fer4j.data.transforms.Augmentations.describe(job.config().augment())
        + (job.config().augmentSource().isBlank() ? "" : " (" + job.config().augmentSource() + ")"));
    String initial = job.config().modelOptions().getOrDefault("pretrained", "none");
    if (!initial.equals("none")) {
      System.out.println("initial weights: " + initial + " (modelOptions.pretrained; loaded when the run started)");
    }
    try (Progress p = new Progress(job, noProgress)) {
      job.train(p); // Progress prints each epoch's line as it ends
    }
    var test = job.index().split("test");
    var r = job.report(test, org.fer4j.train.RunEvaluator.datasetName(job.config().data().format(), "test",
        job.config().data().options()), java.util.Map.of());
    if (r.metrics() != null) {
      System.out.print(r.metrics().table());
    }
    System.out.println("report: " + job.run().path().resolve("report.html"));
    return r;
  }

  static String epochLine(EpochSummary s) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "epoch %d: loss %.4f, lr %.3g, %.1f images/s", s.epoch(), s.trainLoss(), s.lr(), s.imagesPerSecond()));
    s.validation().forEach((k, v) -> b.append(String.format(Locale.ROOT, ", val %s %.4f", k, v)));
    return b.toString();
  }

  /** One progress bar per epoch: loss and images/s. */
  static final class Progress implements TrainingLoop.Listener, AutoCloseable {
    private final long total;
    private final boolean off;
    private ProgressBar bar;
    private int epoch;

    Progress(TrainJob job, boolean off) {
      this.total = job.index().split("train").size();
      this.off = off;
    }

    @Override
    public void onBatch(int e, long seen, double loss) {
      if (off) {
        return;
      }
      if (bar == null || e != epoch) {
        close();
        epoch = e;
        bar = new ProgressBar("epoch " + e, total);
      }
      bar.stepTo(Math.min(seen, total));
      bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f", loss));
    }

    @Override
    public void onEpochEnd(EpochSummary s) {
      close();
      System.out.println(epochLine(s));
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

package org.fer4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.fer4j.train.EpochSummary;
import org.fer4j.train.TrainConfig;
import org.fer4j.train.TrainConfigs;
import org.fer4j.train.TrainJob;
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

  @picocli.CommandLine.Mixin WeightsMixin weights;

  @Override
  public Integer call() throws Exception {
    TrainJob job;
    if (resume != null && !weights.isSet()) {
      job = TrainJob.resume(resume, data);
    } else if (resume == null) {
      if (recipe == null) {
        throw org.fer4j.FerException.badInput("give --recipe NAME|FILE (or --resume RUN_DIR)");
      }
      TrainConfig c = TrainConfigs.load(Recipes.resolve(recipe), overrides);
      job = TrainJob.start(c, runs, data != null ? data : Path.of(c.data().root()));
      weights.apply(job.block(), System.out); // fine-tuning: --pretrained before the first epoch
    } else {
      throw org.fer4j.FerException.badInput("--pretrained starts a new run; --resume continues from the run's own checkpoint");
    }
    try (job) {
      return trainAndReport(job, noProgress);
    }
  }

  /** Trains, evaluates the selected checkpoint on the test split and prints where the report is. */
  static int trainAndReport(TrainJob job, boolean noProgress) throws Exception {
    System.out.println("run: " + job.run().path());
    try (Progress p = new Progress(job, noProgress)) {
      job.train(p); // Progress prints each epoch's line as it ends
    }
    var test = job.index().split("test");
    var r = job.report(test, job.config().data().format() + " test", java.util.Map.of());
    if (r.metrics() != null) {
      System.out.print(r.metrics().table());
    }
    System.out.println("report: " + job.run().path().resolve("report.html"));
    return 0;
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

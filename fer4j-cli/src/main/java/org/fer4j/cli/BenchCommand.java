package org.fer4j.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.fer4j.FerException;
import org.fer4j.bench.BenchConfig;
import org.fer4j.bench.BenchResult;
import org.fer4j.bench.ModelBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fer bench train|infer}: images/s of a registered model, median after warm-up. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: model training/inference speed (see bench/compare.sh for ratios).",
    subcommands = {
      BenchCommand.Train.class,
      BenchCommand.Infer.class,
      BenchDataCommand.class,
      BenchExplainCommand.class
    })
public final class BenchCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options shared by the train and infer benchmarks. */
  abstract static class ModelBench implements Callable<Integer> {
    @Mixin EngineMixin engine;

    @Mixin WeightsMixin weights;

    @Option(names = "--model", required = true, description = "Registered model name.")
    String model;

    @Option(names = "--batch", defaultValue = "32", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
        names = "--size",
        defaultValue = "224",
        description = "Input size S or HxW (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--frames", defaultValue = "1", description = "Frames per sample for clip models.")
    int frames;

    @Option(names = "--classes", defaultValue = "1000", description = "Head classes (default: ${DEFAULT-VALUE}, as torchvision).")
    int classes;

    @Mixin BenchTiming timing;

    abstract BenchConfig.Mode mode();

    @Override
    public Integer call() {
      engine.start();
      int[] hw = parseSize(size);
      BenchConfig config =
          new BenchConfig(model, mode(), batch, hw[0], hw[1], frames, classes, timing.warmup, timing.iterations);
      long macs = ModelMacs.perImage(model, classes, hw[0], hw[1], frames, System.err);
      int total = timing.warmup + timing.iterations;
      BenchResult r =
          ModelBenchmark.run(
              config,
              macs,
              i -> System.err.printf(Locale.ROOT, "\r%s %d/%d", mode().name().toLowerCase(Locale.ROOT), i + 1, total),
              block -> weights.apply(block, System.err));
      System.err.println();
      System.out.println(timing.json ? r.json() : r.summary());
      return 0;
    }
  }

  /** Parses "224" or "112x96" (height x width). */
  static int[] parseSize(String s) {
    String[] parts = s.toLowerCase(Locale.ROOT).split("x");
    try {
      if (parts.length == 1) {
        int v = Integer.parseInt(parts[0].trim());
        return new int[] {v, v};
      }
      if (parts.length == 2) {
        return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw FerException.badInput("--size must be S or HxW (e.g. 224 or 112x96), was '" + s + "'");
  }

  @Command(name = "train", description = "Training steps (forward, loss, backward, SGD) per second.")
  static final class Train extends ModelBench {
    @Override
    BenchConfig.Mode mode() {
      return BenchConfig.Mode.TRAIN;
    }
  }

  @Command(name = "infer", description = "Inference forward passes per second.")
  static final class Infer extends ModelBench {
    @Override
    BenchConfig.Mode mode() {
      return BenchConfig.Mode.INFER;
    }
  }
}

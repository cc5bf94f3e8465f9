package org.fer4j.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fer4j.FerException;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Sample;
import org.fer4j.data.loader.Batch;
import org.fer4j.data.loader.BatchLoader;
import org.fer4j.data.transforms.Pipeline;
import org.fer4j.engine.Engines;
import org.fer4j.data.PreprocessConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fer bench data}: images per second of the input pipeline (decode, fer4j's default training
 * augmentation, the heaviest a shipped recipe uses,
 * normalisation, batching, one copy into an NDArray) at 112 and 224 pixels with 1 and 2 worker
 * threads. It also prints how many times faster the pipeline is than the
 * ResNet-18 training step at 112 consumes images (measured here unless {@code --train-rate} gives it;
 * the goal is at least 2).
 */
@Command(name = "data", description = "Benchmark the data pipeline (decode + augment + batch).")
public final class BenchDataCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Data set directory (RAF-DB root or its basic/ folder, or any image folder).")
  Path dir;

  @Option(names = "--format", defaultValue = "rafdb", description = "rafdb or folder (default ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--limit", defaultValue = "1024", description = "Images per measurement (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--batch", defaultValue = "32", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--train-rate", description = "Training step consumption in images/s (e.g. ResNet-18 at 112); prints the ratio.")
  Double trainRate;

  @Override
  public Integer call() {
    List<Sample> samples = switch (format.toLowerCase(Locale.ROOT)) {
      case "rafdb" -> rafDb(dir);
      case "folder" -> folder(dir);
      default -> throw FerException.badInput("unknown --format " + format + "; use rafdb or folder");
    };
    if (samples.isEmpty()) {
      throw FerException.badInput("no images found under " + dir + " (format " + format + ")");
    }
    List<Sample> work = new ArrayList<>();
    for (int i = 0; work.size() < limit; i++) {
      work.add(samples.get(i % samples.size()));
    }
    Engines.init();
    System.out.printf(Locale.ROOT, "data pipeline: %d images (%d distinct) from %s, batch %d, default train augmentation%n",
        work.size(), samples.size(), dir, batch);
    System.out.printf(Locale.ROOT, "%-6s %-8s %12s %14s %10s%n", "size", "threads", "images/s", "cpu ms/image", "skipped");
    double rate112x2 = 0;
    for (int size : new int[] {112, 224}) {
      for (int threads : new int[] {1, 2}) {
        double[] r = measure(work, size, threads);
        if (size == 112 && threads == 2) {
          rate112x2 = r[0];
        }
        System.out.printf(Locale.ROOT, "%-6d %-8d %12.0f %14.2f %10.0f%n", size, threads, r[0], r[2], r[1]);
      }
    }
    double consumption = trainRate != null && trainRate > 0 ? trainRate : resnet18TrainRate();
    System.out.printf(Locale.ROOT,
        "ratio to ResNet-18 training at 112 (%.1f images/s, 2 threads): %.2f (goal >= 2)%n",
        consumption, rate112x2 / consumption);
    return 0;
  }

  /**
   * Returns {images/s, skipped, process CPU ms per image} for one setting; a short warm-up epoch
   * runs first. CPU time per image shows the cost on a machine shared with other work, where
   * wall-clock rates understate what dedicated cores would deliver.
   */
  private double[] measure(List<Sample> work, int size, int threads) {
    PreprocessConfig config = PreprocessConfig.imagenet(size);
    try (BatchLoader loader = BatchLoader.builder().setSamples(work).setPipeline(Pipeline.train(config))
        .setSize(size, size).optBatchSize(batch).optWorkers(threads).optPrefetch(2 * threads).optSeed(1).build();
        NDManager manager = NDManager.newBaseManager()) {
      drain(loader, 0, manager, Math.min(work.size(), 4 * batch));
      long before = loader.stats().delivered();
      long cpu0 = processCpuNanos();
      long start = System.nanoTime();
      drain(loader, 1, manager, Integer.MAX_VALUE);
      double seconds = (System.nanoTime() - start) / 1e9;
      long images = loader.stats().delivered() - before;
      double cpuMs = (processCpuNanos() - cpu0) / 1e6 / Math.max(1, images);
      return new double[] {images / seconds, loader.stats().skipped(), cpuMs};
    }
  }

  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0L;
  }

  private static void drain(BatchLoader loader, int epoch, NDManager manager, int maxImages) {
    int seen = 0;
    for (Batch b : loader.epoch(epoch)) {
      try (b; NDManager sub = manager.newSubManager()) {
        NDArray x = b.pixels(sub);
        seen += (int) x.getShape().get(0);
      }
      if (seen >= maxImages) {
        break;
      }
    }
  }

  /** Reads RAF-DB's label file directly (the full reader lives in the data set readers). */
  /** Measures ResNet-18 training at 112, batch 32, as {@code fer bench train} does. */
  private static double resnet18TrainRate() {
    var config = new org.fer4j.bench.BenchConfig(
        "resnet18", org.fer4j.bench.BenchConfig.Mode.TRAIN, 32, 112, 112, 1, 7, 2, 3);
    return org.fer4j.bench.ModelBenchmark.run(config, -1, i -> { }, b -> { }).imagesPerSecond();
  }

  /** Every sample of a RAF-DB folder (the {@code basic/} folder or its parent), via the reader. */
  private static List<Sample> rafDb(Path dir) {
    Path basic = Files.isDirectory(dir.resolve("basic")) ? dir.resolve("basic") : dir;
    var index = org.fer4j.data.datasets.DatasetReaders.read(
        "rafdb", basic, org.fer4j.data.datasets.ReaderOptions.defaults());
    List<Sample> all = new ArrayList<>();
    index.splits().values().forEach(all::addAll);
    return all;
  }

  private static List<Sample> folder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp)$"))
          .sorted().map(p -> Sample.image(p.getFileName().toString(), new ImageRef.File(p), 0, "train")).toList();
    } catch (IOException e) {
      throw FerException.badInput("cannot list " + dir + ": " + e.getMessage());
    }
  }
}

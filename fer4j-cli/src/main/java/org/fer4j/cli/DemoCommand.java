package org.fer4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.data.datasets.DatasetReaders;
import org.fer4j.data.datasets.ReaderOptions;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.fer4j.train.TrainConfig;
import org.fer4j.train.TrainConfigs;
import org.fer4j.train.TrainJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fer demo}, the main job on the embedded default: generate SynthFER, train a seed model
 * (AGLF by default) on the CPU, evaluate it on the clean and the occluded test splits, write the
 * report and print where it is. Offline, from a fresh clone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate SynthFER, train a seed model (AGLF by default), evaluate clean and occluded, write the report.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--recipe", defaultValue = "aglf-synth", description = "Synth recipe (default: ${DEFAULT-VALUE}).")
  String recipe;

  @Option(names = "--images", defaultValue = "1500", description = "SynthFER images (default: ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--epochs", description = "Override the recipe's epochs.")
  Integer epochs;

  @Option(names = "--out", defaultValue = "runs", description = "Where data and runs go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for data and training (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--no-progress", description = "No progress bars.")
  boolean noProgress;

  @Override
  public Integer call() throws Exception {
    Path data = out.resolve("demo-data-" + seed + "-" + images);
    if (!Files.exists(data.resolve("synth.json"))) {
      System.out.println("generating SynthFER (" + images + " images) in " + data);
      SynthGenerator.generate(SynthConfig.builder().optSeed(seed).optSize(64).optImages(images)
          .optClips(0).optIdentities(Math.max(60, images / 8)).build(), data, null);
    }
    List<String> sets = new java.util.ArrayList<>(List.of("seed=" + seed));
    if (epochs != null) {
      sets.add("epochs=" + epochs);
    }
    TrainConfig c = TrainConfigs.load(Recipes.resolve(recipe), sets);
    try (TrainJob job = TrainJob.start(c, out, data.resolve("rafdb/basic"))) {
      System.out.println("run: " + job.run().path());
      try (TrainCommand.Progress p = new TrainCommand.Progress(job, noProgress)) {
        job.train(p); // one line per epoch as it ends
      }
      var occluded = DatasetReaders.read("fedro", data.resolve("fedro"), ReaderOptions.defaults()).split("test");
      double occludedWar = job.evaluate(occluded).metrics().war();
      var report = job.report(job.index().split("test"), "SynthFER clean test",
          Map.of("occluded test WAR (FED-RO format)", occludedWar * 100));
      System.out.print(report.metrics().table());
      System.out.printf(Locale.ROOT, "occluded test WAR %.4f%n", occludedWar);
      System.out.println("report: " + job.run().path().resolve("report.html"));
    }
    return 0;
  }
}

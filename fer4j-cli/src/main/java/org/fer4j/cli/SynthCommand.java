package org.fer4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.fer4j.data.synth.SynthReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fer synth}: writes the SynthFER data set (docs/synthfer.md) in RAF-DB, CelebA, DFEW
 * and FED-RO layouts, with a contact sheet and {@code synth.json}.
 */
@Command(name = "synth", description = "Generate the SynthFER data set (RAF-DB, CelebA, DFEW, FED-RO layouts).")
public final class SynthCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output directory.")
  Path out;

  @Option(names = "--images", defaultValue = "2000", description = "Still images (RAF-DB and CelebA folders; default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--clips", defaultValue = "100", description = "Clips of 16-24 frames (DFEW folder; default ${DEFAULT-VALUE}).")
  int clips;

  @Option(names = "--occluded", defaultValue = "-1", description = "Occluded test images (FED-RO folder; default max(70, images/10)).")
  int occluded;

  @Option(names = "--size", defaultValue = "112", description = "Image side in pixels (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--seed", defaultValue = "42", description = "Seed; the same seed gives the same pixels (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--identities", defaultValue = "400", description = "Identity pool; 20 %% are test-only (default ${DEFAULT-VALUE}).")
  int identities;

  @Option(names = "--nuisance", defaultValue = "1", description = "Nuisance level 0..1 (0 = clean, centred faces; default ${DEFAULT-VALUE}).")
  float nuisance;

  @Option(names = "--threads", defaultValue = "0", description = "Render threads (default: all cores).")
  int threads;

  @Option(names = "--no-progress", description = "Do not show the progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    SynthConfig config =
        SynthConfig.builder().optSeed(seed).optSize(size).optImages(images).optClips(clips)
            .optOccluded(occluded).optIdentities(identities).optNuisance(nuisance).optThreads(threads)
            .build();
    SynthReport report;
    if (noProgress) {
      report = SynthGenerator.generate(config, out, null);
    } else {
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName("synth").setStyle(ProgressBarStyle.ASCII)
          .setInitialMax(1).setUpdateIntervalMillis(250).setUnit(" img", 1).build()) {
        report = SynthGenerator.generate(config, out, (done, total) -> {
          bar.maxHint(total);
          bar.step();
        });
      }
    }
    System.out.printf(Locale.ROOT,
        "wrote %d images and clip frames to %s in %.1f s: %.0f images/s at %dx%d on %d threads"
            + " (%.0f images per render-thread CPU second)%n",
        report.units(), out, report.seconds(), report.imagesPerSecond(), size, size, config.threads(),
        report.imagesPerCpuSecond());
    System.out.println("layout: " + out.resolve(SynthGenerator.RAFDB) + ", " + out.resolve(SynthGenerator.CELEBA) + ", "
        + out.resolve(SynthGenerator.DFEW) + ", " + out.resolve(SynthGenerator.FEDRO));
    System.out.println("contact sheet: " + out.resolve(SynthGenerator.SHEET) + "; manifest: " + out.resolve(SynthGenerator.MANIFEST));
    return 0;
  }
}

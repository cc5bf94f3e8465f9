package org.fer4j.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.fer4j.run.TrainConfigs;
import org.fer4j.train.TrainJob;

/** A tiny trained run for tests: SynthFER at 32 px, ResNet-18, one epoch (as TrainJobTest, smaller). */
final class TinyRun {
  private TinyRun() {}

  /** Generates the data and trains; returns the run directory. */
  static Path train(Path dir) {
    SynthGenerator.generate(SynthConfig.builder().optSeed(5).optSize(32).optImages(96).optClips(0)
        .optOccluded(0).optIdentities(12).build(), dir.resolve("synth"), null);
    var config = TrainConfigs.load(Path.of("..", "recipes", "aglf-synth.json"), List.of(
        "model=resnet18", "loss.type=ce", "epochs=1", "data.inputSize=32", "batchSize=16",
        "optimizer.type=adamw", "optimizer.lr=0.001", "schedule.type=none", "schedule.warmupEpochs=0", "workers=1", "seed=3"));
    try (TrainJob job = TrainJob.start(config, dir.resolve("runs"), dir.resolve("synth/rafdb/basic"))) {
      job.train(null);
      return job.run().path();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

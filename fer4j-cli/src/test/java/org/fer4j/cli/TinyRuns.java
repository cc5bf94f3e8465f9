package org.fer4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.TrainConfigs;
import org.fer4j.train.TrainJob;

/**
 * Tiny trained runs for the {@code --run} tests: SynthFER at 32 px, one epoch. A static
 * ResNet-18 on the RAF-DB-format images and a GCSA-ResNet-18 on 4-frame DFEW-format clips; what
 * matters is that they are real run directories (config, labels, checkpoints), not accuracy.
 */
final class TinyRuns {
  private TinyRuns() {}

  /** Trains and returns the run directory of a one-epoch 32 px ResNet-18 (7 classes). */
  static Path staticRun(Path dir) throws Exception {
    Path data = synth(dir);
    return train("aglf-synth.json", dir, data.resolve("rafdb/basic"), List.of("model=resnet18", "loss.type=ce"));
  }

  /** Trains and returns the run directory of a one-epoch GCSA-ResNet-18 on 4-frame 32 px clips. */
  static Path clipRun(Path dir) throws Exception {
    Path data = synth(dir);
    return train("gcsa_cai-dfew.json", dir, data.resolve("dfew"),
        List.of("data.frames=4", "loss.type=ce", "optimizer.lr=0.001", "schedule.type=none"));
  }

  private static Path synth(Path dir) {
    Path out = dir.resolve("synth");
    if (!out.resolve("synth.json").toFile().exists()) {
      SynthGenerator.generate(SynthConfig.builder().optSeed(5).optSize(32).optImages(64).optClips(10)
          .optOccluded(0).optIdentities(16).build(), out, null);
    }
    return out;
  }

  private static Path train(String recipe, Path dir, Path data, List<String> extra) throws Exception {
    List<String> overrides = new java.util.ArrayList<>(List.of(
        "epochs=1", "data.inputSize=32", "batchSize=8", "workers=1", "seed=3", "schedule.warmupEpochs=0"));
    overrides.addAll(extra);
    TrainConfig config = TrainConfigs.load(Path.of("..", "recipes", recipe), overrides);
    try (TrainJob job = TrainJob.start(config, dir.resolve("runs"), data)) {
      job.train(null);
      return job.run().path();
    }
  }
}

package org.fer4j.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.fer4j.run.TrainConfigs;
import org.fer4j.train.TrainJob;

/**
 * A tiny trained run for the Spark {@code --run} test: SynthFER at 32 px, ResNet-18, one epoch,
 * its classes renamed {@code r_0..r_6} in labels.json so outputs show where their names came from.
 */
final class TinyRun {
  private TinyRun() {}

  static Path train(Path dir) throws Exception {
    Path data = dir.resolve("synth");
    SynthGenerator.generate(SynthConfig.builder().optSeed(5).optSize(32).optImages(64).optClips(0)
        .optOccluded(0).optIdentities(16).build(), data, null);
    var config = TrainConfigs.load(Path.of("..", "recipes", "aglf-synth.json"), List.of("model=resnet18",
        "loss.type=ce", "epochs=1", "data.inputSize=32", "batchSize=8", "workers=1", "seed=3", "schedule.warmupEpochs=0"));
    Path run;
    try (TrainJob job = TrainJob.start(config, dir.resolve("runs"), data.resolve("rafdb/basic"))) {
      job.train(null);
      run = job.run().path();
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode labels = (ObjectNode) json.readTree(run.resolve("labels.json").toFile());
    ArrayNode classes = labels.putArray("classes");
    for (int i = 0; i < 7; i++) {
      classes.add("r_" + i);
    }
    json.writeValue(run.resolve("labels.json").toFile(), labels);
    return run;
  }
}

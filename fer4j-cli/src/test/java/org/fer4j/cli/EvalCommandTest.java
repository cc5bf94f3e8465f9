package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.fer4j.run.TrainConfigs;
import org.fer4j.train.TrainJob;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer eval} end to end on tiny trained runs (SynthFER at 32 px, 1 epoch). */
class EvalCommandTest {
  @TempDir static Path dir;
  static Path synth;
  static Path run;
  static JsonNode trainReport;

  @BeforeAll
  static void trainTinyRun() throws Exception {
    synth = dir.resolve("synth");
    SynthGenerator.generate(SynthConfig.builder().optSeed(9).optSize(32).optImages(200).optClips(20)
        .optFrames(16, 16).optOccluded(14).optIdentities(30).build(), synth, null);
    var c = TrainConfigs.load(Path.of("..", "recipes", "aglf-synth.json"), List.of(
        "model=resnet18", "loss.type=ce", "epochs=1", "data.inputSize=32", "batchSize=16",
        "optimizer.type=adamw", "optimizer.lr=0.001", "schedule.type=none", "schedule.warmupEpochs=0",
        "workers=1", "seed=3"));
    try (TrainJob job = TrainJob.start(c, dir.resolve("runs"), synth.resolve("rafdb/basic"))) {
      job.train(null);
      job.report(job.index().split("test"), "rafdb test", Map.of());
      run = job.run().path();
    }
    trainReport = new ObjectMapper().readTree(run.resolve("report.json").toFile());
  }

  @Test
  void evaluatesTheRunsOwnTestSplitWithTheTrainReportsNumbers() throws Exception {
    Object[] r = CliTest.run("eval", "--run", run.toString(), "--no-progress");
    assertThat(r[0]).as((String) r[2]).isEqualTo(0);
    assertThat((String) r[1]).contains("Happiness").contains("Surprise").contains("WAR (accuracy)")
        .contains("checkpoint: best validation war (epoch 1 of 1)").contains("eval-rafdb-test");
    JsonNode j = new ObjectMapper().readTree(run.resolve("eval-rafdb-test/report.json").toFile());
    for (String k : List.of("war", "uar", "macroF1", "top2", "classes", "perClass", "confusion", "selectionRule")) {
      assertThat(j.get(k)).as(k).isEqualTo(trainReport.get(k));
    }
    assertThat(j.get("classes")).hasSize(7);
    assertThat(j.get("perClass").get(3).get("name").asText()).isEqualTo("Happiness");
    assertThat(j.get("paperComparison").get("metric").asText()).isEqualTo("war");
    assertThat(Files.readString(run.resolve("eval-rafdb-test/report.html")))
        .contains("Reported checkpoint: <b>best validation war (epoch 1 of 1)</b>")
        .contains("Most confident mistakes");
  }

  @Test
  void evaluatesFedRoWithTheRafDbRunAndNoPaperFigure() throws Exception {
    Path out = dir.resolve("fedro-report");
    Object[] r = CliTest.run("eval", "--run", run.toString(), "--data", synth.resolve("fedro").toString(),
        "--format", "fedro", "--out", out.toString(), "--no-progress", "--checkpoint", "last");
    assertThat(r[0]).as((String) r[2]).isEqualTo(0);
    JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(j.get("dataset").asText()).isEqualTo("fedro test");
    assertThat(j.get("selectionRule").asText()).isEqualTo("last epoch (1)");
    assertThat(j.get("classes").get(6).asText()).isEqualTo("Neutral");
    long total = 0;
    for (JsonNode row : j.get("confusion")) {
      for (JsonNode v : row) {
        total += v.asLong();
      }
    }
    assertThat(total).isEqualTo(14); // every one of the 14 occluded faces, each class mapped by name
    assertThat(j.has("paperComparison")).isFalse(); // the recipe's figure is about RAF-DB, not FED-RO
  }

  @Test
  void badInputGivesClearErrorsAndExitCodes() {
    int bad = FerException.Kind.BAD_INPUT.exitCode();
    Object[] r = CliTest.run("eval", "--run", run.toString(), "--checkpoint", "middle");
    assertThat(r[0]).isEqualTo(bad);
    assertThat((String) r[2]).contains("--checkpoint must be best or last");
    r = CliTest.run("eval", "--run", run.toString(), "--format", "fedro");
    assertThat(r[0]).isEqualTo(bad);
    assertThat((String) r[2]).contains("give its folder with --data DIR");
    r = CliTest.run("eval", "--run", run.toString(), "--split", "nope", "--no-progress");
    assertThat(r[0]).isEqualTo(bad);
    assertThat((String) r[2]).contains("no split 'nope'").contains("test");
    r = CliTest.run("eval", "--run", dir.resolve("nothing").toString());
    assertThat(r[0]).isEqualTo(FerException.Kind.NOT_FOUND.exitCode());
    assertThat((String) r[2]).contains("not a fer4j run directory");
    r = CliTest.run("eval", "--run", run.toString(), "--folds", "1-5");
    assertThat(r[0]).isEqualTo(bad);
    assertThat((String) r[2]).contains("is a single run");
  }

  /** DFEW-layout clips: train two folds of a clip model, then evaluate the parent. */
  @Test
  void clipFoldsTrainAndEvaluateWithPerFoldAndMeanResults() throws Exception {
    Path runs = dir.resolve("fold-runs");
    Object[] t = CliTest.run("train", "--recipe", "gcsa_cai-dfew", "--data", synth.resolve("dfew").toString(),
        "--folds", "1-2", "--runs", runs.toString(), "--no-progress", "--set", "epochs=1", "--set", "data.inputSize=32",
        "--set", "data.frames=4", "--set", "batchSize=4", "--set", "workers=1");
    assertThat(t[0]).as((String) t[2]).isEqualTo(0);
    Path parent;
    try (var s = Files.list(runs)) {
      parent = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertThat(parent.resolve("fold-1/config.json")).exists();
    // The run says which augmentation it trains with, and config.json records the resolved list.
    assertThat((String) t[1]).contains("augment: random_sized_crop scale=[0.85, 1] ratio=[0.6, 1.667], hflip p=0.5,"
        + " color_jitter brightness=0.6, rotation degrees=4 interpolation=nearest (GCA+IAL code");
    assertThat(Files.readString(parent.resolve("fold-1/config.json"))).contains("\"random_sized_crop\"");
    assertThat(parent.resolve("fold-2/checkpoints/best.safetensors")).exists();
    JsonNode trained = new ObjectMapper().readTree(parent.resolve("report.json").toFile());
    Path out = dir.resolve("fold-eval");
    Object[] r = CliTest.run("eval", "--run", parent.toString(), "--folds", "1-2", "--out", out.toString(),
        "--no-progress");
    assertThat(r[0]).as((String) r[2]).isEqualTo(0);
    assertThat((String) r[1]).contains("mean").contains("std");
    JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(j.get("folds")).hasSize(2);
    assertThat(j.get("folds").get(1).get("dataset").asText()).isEqualTo("dfew test (fold 2)");
    double w1 = j.get("folds").get(0).get("war").asDouble();
    double w2 = j.get("folds").get(1).get("war").asDouble();
    assertThat(j.get("mean").get("war").asDouble()).isCloseTo((w1 + w2) / 2, within(1e-12));
    assertThat(j.get("std").get("war").asDouble()).isCloseTo(Math.abs(w1 - w2) / 2, within(1e-12));
    // Synth clip i is a test clip of fold i % 5 + 1: 4 of the 20 clips per fold.
    assertThat(j.get("folds").get(0).get("samples").asInt()).isEqualTo(4);
    assertThat(j.get("folds")).isEqualTo(trained.get("folds")); // the numbers the training run reported
    assertThat(out.resolve("fold-1/report.html")).exists();
  }
}

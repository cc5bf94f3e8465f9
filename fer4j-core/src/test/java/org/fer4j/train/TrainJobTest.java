package org.fer4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.fer4j.run.TrainConfigs;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.TrainedModel;

/** A tiny recipe end to end: SynthFER -> reader -> loader -> model -> checkpoints -> report. */
class TrainJobTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void generate() {
    SynthGenerator.generate(SynthConfig.builder().optSeed(5).optSize(32).optImages(320).optClips(0)
        .optOccluded(14).optIdentities(40).build(), dir.resolve("synth"), null);
    data = dir.resolve("synth/rafdb/basic");
  }

  private static TrainConfig config(String... more) {
    List<String> sets = new java.util.ArrayList<>(List.of(
        "model=resnet18", "loss.type=ce", "epochs=2", "data.inputSize=32", "batchSize=16",
        "optimizer.type=adamw", "optimizer.lr=0.001", "schedule.type=none", "schedule.warmupEpochs=0", "workers=1", "seed=3"));
    sets.addAll(List.of(more));
    return TrainConfigs.load(Path.of("..", "recipes", "aglf-synth.json"), sets);
  }

  /** Stops the run after epoch 1, as a kill would: the checkpoint of epoch 1 is already committed. */
  static final class Kill implements TrainingLoop.Listener {
    @Override
    public void onEpochEnd(EpochSummary s) {
      if (s.epoch() == 1) {
        throw new IllegalStateException("killed");
      }
    }
  }

  /**
   * With EMA (and class-balanced sampling and label smoothing), a run killed after epoch 1 and
   * resumed gives exactly the epoch-2 loss and validation of an uninterrupted run.
   */
  @Test
  void resumeWithEmaAndBalancedSamplingIsExact() throws Exception {
    TrainConfig c = config("emaDecay=0.8", "balancedSampling=true", "labelSmoothing=0.1");
    List<EpochSummary> full;
    Path fullRun;
    try (TrainJob job = TrainJob.start(c, dir.resolve("ema-runs"), data)) {
      full = job.train(null);
      fullRun = job.run().path();
    }
    assertResumeAfterKillMatches(c, dir.resolve("ema-runs"), full);
    // The epoch checkpoint holds the average; the training weights sit beside the optimiser state.
    try (org.fer4j.weights.Safetensors opt = org.fer4j.weights.Safetensors.open(
            fullRun.resolve("checkpoints/epoch-0002-optimizer.safetensors"));
        org.fer4j.weights.Safetensors avg = org.fer4j.weights.Safetensors.open(
            fullRun.resolve("checkpoints/epoch-0002.safetensors"))) {
      float[] training = opt.floats(ModelEma.TRAINING_PREFIX + "fc.weight");
      assertThat(training).hasSize(avg.floats("fc.weight").length).isNotEqualTo(avg.floats("fc.weight"));
    }
  }

  /**
   * FAER's centre loss: the class centres are saved beside the optimiser state and restored, so a
   * resumed run's epoch 2 equals an uninterrupted one (with centres at zero after a resume, as
   * before they were saved, the loss differs).
   */
  @Test
  void resumeOfACentreLossRunRestoresTheCentres() throws Exception {
    TrainConfig c = config("model=faer_convnext_tiny", "loss.type=faer", "loss.weights.center=0.5",
        "modelOptions.heads=expression");
    List<EpochSummary> full;
    Path fullRun;
    try (TrainJob job = TrainJob.start(c, dir.resolve("faer-runs"), data)) {
      full = job.train(null);
      fullRun = job.run().path();
    }
    try (org.fer4j.weights.Safetensors opt = org.fer4j.weights.Safetensors.open(
        fullRun.resolve("checkpoints/epoch-0002-optimizer.safetensors"))) {
      float[] centers = opt.floats(TrainLoss.STATE_PREFIX + "centers");
      assertThat(centers).hasSize(7 * 768);
      assertThat(max(centers)).as("the centres moved during training").isGreaterThan(0f);
    }
    assertResumeAfterKillMatches(c, dir.resolve("faer-runs"), full);
  }

  private static float max(float[] values) {
    float m = 0;
    for (float v : values) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @Test
  void trainsReportsAndResumesExactly() throws Exception {
    List<EpochSummary> full;
    Path fullRun;
    try (TrainJob job = TrainJob.start(config(), dir.resolve("runs"), data)) {
      full = job.train(null);
      job.report(job.index().split("test"), "synth test", Map.of());
      fullRun = job.run().path();
    }
    assertThat(full).hasSize(2);
    assertThat(full.get(1).trainLoss()).isLessThan(full.get(0).trainLoss());
    JsonNode report = new ObjectMapper().readTree(fullRun.resolve("report.json").toFile());
    assertThat(report.get("war").asDouble()).isBetween(0.0, 1.0);
    assertThat(report.get("classes").get(3).asText()).isEqualTo("Happiness");
    assertThat(report.get("selectionRule").asText()).startsWith("best validation war");
    assertThat(Files.readAllLines(fullRun.resolve("metrics.csv"))).hasSize(3);
    assertThat(fullRun.resolve("curves.png")).exists();
    assertTrainedModelReproducesReport(fullRun, report);

    Path killedRun = assertResumeAfterKillMatches(config(), dir.resolve("runs"), full);
    assertThat(Files.readAllLines(killedRun.resolve("metrics.csv"))).hasSize(3);
  }

  /** Kills a run of {@code c} after epoch 1, resumes it, and checks epoch 2 equals {@code full}'s. */
  private static Path assertResumeAfterKillMatches(TrainConfig c, Path runs, List<EpochSummary> full) throws Exception {
    Path killedRun;
    try (TrainJob job = TrainJob.start(c, runs, data)) {
      killedRun = job.run().path();
      assertThatThrownBy(() -> job.train(new Kill())).hasMessage("killed");
    }
    List<EpochSummary> rest;
    try (TrainJob job = TrainJob.resume(killedRun, data)) {
      rest = job.train(null);
    }
    assertThat(rest).extracting(EpochSummary::epoch).containsExactly(2);
    assertThat(rest.get(0).trainLoss()).isEqualTo(full.get(1).trainLoss());
    assertThat(rest.get(0).validation()).isEqualTo(full.get(1).validation());
    return killedRun;
  }

  /** Reopening the run for inference gives back the model, classes and test accuracy of the report. */
  private static void assertTrainedModelReproducesReport(Path run, JsonNode report) throws Exception {
    try (TrainedModel m = TrainedModel.open(run);
        TrainJob job = TrainJob.resume(run, data)) {
      assertThat(m.labels().classes()).hasSize(7).element(3).isEqualTo("Happiness");
      assertThat(m.preprocess().width()).isEqualTo(32);
      assertThat(m.weightsFile().getFileName().toString()).isEqualTo("best.safetensors");
      assertThat(m.selectionRule()).isEqualTo(report.get("selectionRule").asText());
      var loader = job.loader(job.index().split("test"), false);
      try (loader) {
        double war = Evaluation.run(m.block(), loader, m.labels(), m.manager()).metrics().war();
        assertThat(war).isEqualTo(report.get("war").asDouble());
      }
    }
    try (TrainedModel m = TrainedModel.open(run)) {
      // fer eval's path: the same checkpoint on the same split gives the report's numbers.
      RunEvaluator.DataTarget t = RunEvaluator.target(m.config(), null, null, Map.of(), "test");
      RunEvaluator.Result r = RunEvaluator.run(m, t, run.resolve("eval"), (done, total) -> { });
      JsonNode again = new ObjectMapper().readTree(run.resolve("eval/report.json").toFile());
      for (String k : List.of("war", "uar", "macroF1", "selectionRule", "classes", "confusion", "paperComparison")) {
        assertThat(again.get(k)).as(k).isEqualTo(report.get(k));
      }
      long reported = 0;
      for (JsonNode row : report.get("confusion")) {
        for (JsonNode v : row) {
          reported += v.asLong();
        }
      }
      assertThat((long) r.samples()).isEqualTo(reported).isGreaterThan(0);
      String html = Files.readString(run.resolve("eval/report.html"));
      long pictures = html.split("data:image/png;base64,", -1).length - 1;
      // confusion heat map + curves + one thumbnail per mistake
      assertThat(pictures).isEqualTo(2 + r.report().mistakes().size());
      assertThat(r.report().mistakes()).isNotEmpty().allSatisfy(x -> assertThat(x.thumbnailPng()).isNotNull());
    }
    try (TrainedModel last = TrainedModel.open(run, TrainedModel.Selection.LAST)) {
      assertThat(last.weightsFile().getFileName().toString()).isEqualTo("epoch-0002.safetensors");
    }
    assertThatThrownBy(() -> TrainedModel.open(data))
        .hasMessageContaining("not a fer4j run directory");
  }
}

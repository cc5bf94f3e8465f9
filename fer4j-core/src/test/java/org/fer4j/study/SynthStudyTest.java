package org.fer4j.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.train.EpochSummary;
import org.fer4j.train.TrainingLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's mechanics on a budget far too small to learn (2 images per class, 32 px): every
 * (method, seed) runs once, results land in result.csv and runs.csv, a rerun trains nothing, and
 * a run killed after its first epoch resumes from it.
 */
class SynthStudyTest {
  @TempDir Path dir;

  /** A copy of the baseline's recipe shrunk to 32 px and 2 epochs. */
  private Path tinyRecipe() throws Exception {
    String json = Files.readString(Path.of("..", "recipes", "resnet18-synth.json"))
        .replace("\"inputSize\": 64", "\"inputSize\": 32").replace("\"epochs\": 8", "\"epochs\": 2")
        .replace("\"batchSize\": 32", "\"batchSize\": 4").replace("\"workers\": 2", "\"workers\": 1");
    assertThat(json).contains("\"inputSize\": 32").contains("\"epochs\": 2");
    Path p = dir.resolve("resnet18-synth.json");
    Files.writeString(p, json);
    return p;
  }

  private SynthStudy.Builder study(Path recipe, List<String> log) {
    return SynthStudy.builder().setDir(dir.resolve("study")).setRecipes(name -> recipe)
        .optMethods(StudyMethod.select(List.of("resnet18"))).optSeeds(List.of(1L, 2L))
        .optImages(14 * 2).optClips(0).optSize(32).optLog(log::add);
  }

  /** Throws at the end of seed 2's first epoch, as a kill would (epoch 1 is already committed). */
  private static TrainingLoop.Listener killSecondSeed(org.fer4j.train.TrainJob job) {
    return new TrainingLoop.Listener() {
      @Override
      public void onEpochEnd(EpochSummary s) {
        if (job.config().seed() == 2 && s.epoch() == 1) {
          throw new IllegalStateException("killed");
        }
      }
    };
  }

  @Test
  void aDivergenceIsRetriedOnceFromTheLastEpochAndTheStudyGoesOn() throws Exception {
    Path recipe = tinyRecipe();
    List<String> log = new ArrayList<>();
    int[] seed1Faults = {0};
    // seed 1: one fault after epoch 1 (a rare fault); seed 2: diverges on every try (a genuine divergence)
    List<StudyResult> results = study(recipe, log).optProgress(job -> new TrainingLoop.Listener() {
      @Override
      public void onEpochEnd(EpochSummary s) {
        boolean fault = job.config().seed() == 2 || (s.epoch() == 1 && seed1Faults[0]++ == 0);
        if (fault) {
          throw new org.fer4j.train.TrainingDivergedException("the gradient norm became Infinity in epoch " + s.epoch());
        }
      }
    }).build().run();
    assertThat(results).extracting(StudyResult::seed).containsExactly(1L);
    assertThat(results.get(0).epochs()).isEqualTo(2);
    Path runs = dir.resolve("study/runs");
    assertThat(Files.readAllLines(runs.resolve("resnet18-seed1").resolve(SynthStudy.RETRIES_FILE))).hasSize(1);
    assertThat(Files.readAllLines(runs.resolve("resnet18-seed2").resolve(SynthStudy.RETRIES_FILE))).hasSize(2);
    assertThat(runs.resolve("resnet18-seed2").resolve(SynthStudy.RESULT_FILE)).doesNotExist();
    assertThat(log).anyMatch(l -> l.startsWith("resnet18 seed 1: resuming"))
        .anyMatch(l -> l.contains("seed 2") && l.endsWith("diverged again after a resume, left unfinished"));
    // the retried run's metrics hold each epoch once: epoch 1 from the first try, epoch 2 from the resume
    assertThat(Files.readAllLines(dir.resolve("study").resolve(results.get(0).runDir()).resolve("metrics.csv"))).hasSize(3);
  }

  @Test
  void runsEverySeedOnceResumesAKilledRunAndAggregates() throws Exception {
    Path recipe = tinyRecipe();
    List<String> log = new ArrayList<>();
    assertThat(study(recipe, log).optTrain(false).build().run()).as("nothing finished yet").isEmpty();
    assertThat(log).contains("resnet18 seed 1: not finished, left out");
    assertThatThrownBy(() -> study(recipe, log).optProgress(SynthStudyTest::killSecondSeed).build().run())
        .hasMessage("killed");
    Path study = dir.resolve("study");
    assertThat(study.resolve("runs/resnet18-seed1/result.csv")).exists();
    assertThat(study.resolve("runs/resnet18-seed2/result.csv")).doesNotExist();
    assertThat(Files.readAllLines(study.resolve("runs.csv"))).hasSize(2); // header + seed 1

    log.clear();
    List<StudyResult> results = study(recipe, log).build().run();
    assertThat(log).anyMatch(l -> l.startsWith("resnet18 seed 1: done before"))
        .anyMatch(l -> l.startsWith("resnet18 seed 2: resuming"));
    assertThat(results).extracting(StudyResult::seed).containsExactly(1L, 2L);
    assertThat(results).allSatisfy(r -> {
      assertThat(r.epochs()).isEqualTo(2);
      assertThat(r.cleanWar()).isBetween(0.0, 1.0);
      assertThat(r.occludedWar()).isBetween(0.0, 1.0);
      assertThat(r.bins().values()).allMatch(v -> v.isNaN());
      assertThat(study.resolve(r.runDir()).resolve("report.json")).exists();
    });
    Path seed2 = study.resolve("runs/resnet18-seed2");
    try (var runs = Files.list(seed2)) {
      assertThat(runs.filter(Files::isDirectory).count()).as("the killed run was continued, not restarted").isEqualTo(1);
    }
    assertThat(Files.readAllLines(study.resolve(results.get(1).runDir()).resolve("metrics.csv"))).hasSize(3);
    double epochSeconds = new org.fer4j.train.MetricsCsv(study.resolve(results.get(1).runDir()).resolve("metrics.csv"))
        .read().stream().mapToDouble(row -> row.get("seconds")).sum();
    assertThat(results.get(1).seconds()).as("both epochs of the resumed run count, the killed one too")
        .isGreaterThanOrEqualTo(epochSeconds).isLessThan(epochSeconds + 120);

    List<String> csv = Files.readAllLines(study.resolve("runs.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0)).isEqualTo(StudyResult.HEADER);
    assertThat(StudyResult.parse(csv.get(2), "runs.csv line 3").cleanWar()).isEqualTo(results.get(1).cleanWar());

    StudyTable.Stat clean = StudyTable.stat(results, "resnet18", "clean_war");
    double mean = (results.get(0).cleanWar() + results.get(1).cleanWar()) / 2;
    assertThat(clean.n()).isEqualTo(2);
    assertThat(clean.mean()).isEqualTo(mean);
    assertThat(clean.std()).isEqualTo(Math.abs(results.get(0).cleanWar() - results.get(1).cleanWar()) / Math.sqrt(2),
        org.assertj.core.api.Assertions.within(1e-12));
    SynthStudy reader = study(recipe, log).build();
    Map<String, List<Double>> curves = reader.valCurves(results);
    assertThat(curves.get(results.get(1).runDir())).hasSize(2).allMatch(v -> v >= 0 && v <= 1);
    assertThat(reader.commits(results)).hasSize(1); // both runs come from this checkout
    String md = StudyTable.markdown(StudyMethod.select(List.of("resnet18")), results,
        new StudyTable.Context("cmd", "budget", "today", Map.of(), "runs.csv", curves, reader.commits(results)));
    assertThat(md).contains("| resnet18 | baseline | 2 | " + clean.percent() + " |").doesNotContain("## Clips");

    log.clear();
    study(recipe, log).build().run();
    assertThat(log).hasSize(2).allMatch(l -> l.contains("done before"));
  }
}

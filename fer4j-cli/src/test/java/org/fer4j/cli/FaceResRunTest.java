package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.synth.SynthConfig;
import org.fer4j.data.synth.SynthGenerator;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.RgbImage;
import org.fer4j.face.human.HumanPackage;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.ImageResult;
import org.fer4j.server.PredictorAnalyzer;
import org.fer4j.models.faceres.FaceResProvider;
import org.fer4j.run.TrainConfig;
import org.fer4j.run.TrainConfigs;
import org.fer4j.train.TrainJob;
import org.fer4j.run.TrainedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trained {@code faceres_mobilenet} run works where every run works: {@code predict --run},
 * {@code explain --run}, the server's run analyzer ({@code serve --model}) and {@code spark
 * predict --run}. The run
 * is one epoch of {@code recipes/faceres-rafdb.json} on 48 SynthFER images at 32 px, started from
 * Human's faceres weights when the human-models cache has them (else from random weights).
 */
class FaceResRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Path run;
  static boolean pretrained;
  @TempDir Path tmp;

  @BeforeAll
  static void train() throws Exception {
    Path data = dir.resolve("synth");
    SynthGenerator.generate(SynthConfig.builder().optSeed(9).optSize(32).optImages(48).optClips(0)
        .optOccluded(0).optIdentities(12).build(), data, null);
    pretrained = Files.isRegularFile(HumanPackage.modelsDir(FaceApiPackage.cacheRoot(null)).resolve("faceres.json"));
    TrainConfig config = TrainConfigs.load(Path.of("..", "recipes", "faceres-rafdb.json"), List.of(
        "epochs=1", "data.inputSize=32", "batchSize=8", "workers=1", "seed=3",
        "modelOptions.pretrained=" + (pretrained ? "faceres" : "none")));
    try (TrainJob job = TrainJob.start(config, dir.resolve("runs"), data.resolve("rafdb/basic"))) {
      job.train(null);
      run = job.run().path();
    }
  }

  @Test
  void runRebuildsWithTheRunsInputWithoutTheCache() {
    try (TrainedModel model = TrainedModel.open(run)) {
      assertThat(model.spec().name()).isEqualTo(FaceResProvider.NAME);
      assertThat(model.config().modelOptions().get("pretrained")).isEqualTo(pretrained ? "faceres" : "none");
      // 0..255 input at the run's size: mean 0, std 1/255 on [0,1] pixels.
      assertThat(model.preprocess()).isEqualTo(FaceResProvider.preprocess(32));
      assertThat(model.labels().size()).isEqualTo(7);
    }
  }

  @Test
  void predictRunClassifiesEveryFaceWithTheRunsClasses() throws Exception {
    Path cache = VideoPredictTest.cacheOrSkip();
    Path out = tmp.resolve("out.jsonl");
    int code = Main.run("predict", "--cache", cache.toString(), "--no-age-gender", "--threads", "1",
        "--run", run.toString(), "-o", out.toString(), FaceApiPackage.demoDir(cache).resolve("sample1.jpg").toString());
    assertThat(code).isZero();
    JsonNode faces = JSON.readTree(Files.readAllLines(out).get(0)).path("faces");
    assertThat(faces).hasSize(3);
    List<String> classes = new ArrayList<>();
    JSON.readTree(run.resolve("labels.json").toFile()).path("classes").forEach(c -> classes.add(c.asText()));
    for (JsonNode face : faces) {
      List<String> keys = new ArrayList<>();
      double sum = 0;
      for (var it = face.path("expressions").fields(); it.hasNext(); ) {
        var e = it.next();
        keys.add(e.getKey());
        sum += e.getValue().asDouble();
      }
      assertThat(keys).containsExactlyElementsOf(classes);
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    }
  }

  @Test
  void explainRunWritesGradCamAtStage4() throws Exception {
    Path image = SynthImage.first(dir.resolve("synth"));
    Path out = tmp.resolve("maps");
    Object[] r = CliTest.run("explain", "--run", run.toString(), "--out", out.toString(), image.toString());
    String stdout = (String) r[1];
    assertThat(r[0]).as(stdout + r[2]).isEqualTo(0);
    assertThat(stdout).contains("faceres_mobilenet, 7 classes, 32x32 input").contains("at stage4");
    String stem = image.getFileName().toString().replaceFirst("\\.[^.]+$", "");
    assertThat(out.resolve(stem + "_gradcam.png")).isRegularFile();
    assertThat(out.resolve("contact_sheet.png")).isRegularFile();
  }

  /** {@code serve --model RUN} and {@code spark predict --run RUN} classify every face with the run's classes. */
  @Test
  void serveAndSparkClassifyWithTheRunsClasses() throws Exception {
    Path cache = VideoPredictTest.cacheOrSkip();
    Path photo = FaceApiPackage.demoDir(cache).resolve("sample1.jpg");
    List<String> classes = new ArrayList<>();
    JSON.readTree(run.resolve("labels.json").toFile()).path("classes").forEach(c -> classes.add(c.asText()));
    try (PredictorAnalyzer served = PredictorAnalyzer.forRun(run, FaceApiPackage.weightsDir(cache),
        ExpressionPredictor.Detector.TINY)) {
      ImageResult r = served.analyze(List.of(RgbImage.read(photo)), List.of("sample1.jpg")).get(0);
      assertThat(r.faces()).hasSize(3);
      assertThat(r.faces().get(0).expressions().keySet()).containsExactlyElementsOf(classes);
    }
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    Files.copy(photo, photos.resolve("sample1.jpg"));
    Path out = tmp.resolve("spark-out");
    Object[] r = CliTest.run("spark", "predict", "--cache", cache.toString(), "--no-age-gender", "--master", "local[1]",
        "--run", run.toString(), "--input", photos.toString(), "--output", out.toString(), "--format", "csv");
    assertThat(r[0]).as(r[1] + "" + r[2]).isEqualTo(0);
    List<String> lines = new ArrayList<>();
    try (var parts = Files.list(out)) {
      for (Path part : parts.filter(f -> f.getFileName().toString().endsWith(".csv")).toList()) {
        lines.addAll(Files.readAllLines(part));
      }
    }
    assertThat(lines.get(0)).contains("p_" + classes.get(0).toLowerCase(java.util.Locale.ROOT)).contains("p_" + classes.get(6).toLowerCase(java.util.Locale.ROOT));
    assertThat(lines.stream().filter(l -> l.contains("sample1.jpg"))).hasSize(3);
  }

  /** {@code train --pretrained faceres} records the weights as the model option and loads them. */
  @Test
  void trainWithPretrainedFaceresRecordsItInTheRunConfig() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(pretrained, "needs ./fer models pull human");
    Object[] r = CliTest.run("train", "--recipe", Path.of("..", "recipes", "faceres-rafdb.json").toString(),
        "--data", dir.resolve("synth/rafdb/basic").toString(), "--runs", tmp.resolve("runs").toString(),
        "--no-progress", "--pretrained", "faceres", "--set", "modelOptions.pretrained=none", "--set", "epochs=1",
        "--set", "data.inputSize=32", "--set", "batchSize=8", "--set", "workers=1");
    assertThat(r[0]).as(r[1] + "" + r[2]).isEqualTo(0);
    assertThat((String) r[1]).contains("initial weights: faceres");
    try (var runs = Files.list(tmp.resolve("runs"))) {
      Path made = runs.findFirst().orElseThrow();
      assertThat(JSON.readTree(made.resolve("config.json").toFile()).path("config").path("modelOptions")
          .path("pretrained").asText()).isEqualTo("faceres");
    }
  }

  /** The first training image SynthFER wrote in the RAF-DB layout. */
  private static final class SynthImage {
    static Path first(Path synth) throws Exception {
      try (var files = Files.list(synth.resolve("rafdb/basic/Image/aligned"))) {
        return files.sorted().findFirst().orElseThrow();
      }
    }
  }
}

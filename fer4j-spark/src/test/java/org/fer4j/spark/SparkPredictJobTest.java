package org.fer4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fer4j.FerException;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ImageDecoder;
import org.fer4j.data.transforms.JpegMarkers;
import org.fer4j.data.transforms.Orientation;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanPackage;
import org.fer4j.predict.BlockExpressionClassifier;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.FaceResult;
import org.fer4j.predict.ImageResult;
import org.fer4j.predict.PretrainedClassifier;
import org.fer4j.run.TrainedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkPredictJobTest {
  @TempDir static Path dir;
  static SparkSession spark;
  static Path images;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSession.builder().master("local[2]").appName("fer4j-test")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    images = Files.createDirectories(dir.resolve("images"));
    Files.createDirectories(images.resolve("sub"));
    Files.writeString(images.resolve("broken.jpg"), "this is not a JPEG");
    BufferedImage grey = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(grey, "png", images.resolve("sub/blank.png").toFile());
    byte[] png = Files.readAllBytes(images.resolve("sub/blank.png"));
    Files.write(images.resolve("sub/truncated.png"), Arrays.copyOf(png, png.length / 3));
    Files.writeString(images.resolve("notes.txt"), "not an image name, not listed");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Path cacheOrSkip() {
    Path cache = FaceApiPackage.cacheRoot(null);
    if (!Files.isRegularFile(FaceApiPackage.demoDir(cache).resolve("sample1.jpg"))
        || !Files.isDirectory(FaceApiPackage.weightsDir(cache))) {
      if (System.getenv("FER4J_REQUIRE_PARITY") != null) {
        throw new AssertionError("face-api weights/photos missing under " + cache + "; run tools/golden/setup.sh");
      }
      Assumptions.abort("face-api weights not in the cache; run ./fer models pull");
    }
    return cache;
  }

  @Test
  void pathsFromFolderTextFileAndParquetColumn() throws Exception {
    List<String> fromFolder = SparkPredictJob.paths(spark, images.toString(), "path").collectAsList();
    assertThat(fromFolder).containsExactly(images.resolve("broken.jpg").toString(),
        images.resolve("sub/blank.png").toString(), images.resolve("sub/truncated.png").toString());
    Path list = Files.writeString(dir.resolve("list.txt"), "# comment\n" + String.join("\n", fromFolder) + "\n\n");
    assertThat(SparkPredictJob.paths(spark, list.toString(), "path").collectAsList()).isEqualTo(fromFolder);
    Path parquet = dir.resolve("paths.parquet");
    spark.createDataset(fromFolder, Encoders.STRING()).toDF("file").write().parquet(parquet.toString());
    assertThat(SparkPredictJob.paths(spark, parquet.toString(), "file").collectAsList()).containsExactlyInAnyOrderElementsOf(fromFolder);
    assertThatThrownBy(() -> SparkPredictJob.paths(spark, parquet.toString(), "path"))
        .isInstanceOf(FerException.class).hasMessageContaining("no column 'path'").hasMessageContaining("file");
    assertThatThrownBy(() -> SparkPredictJob.paths(spark, dir.resolve("nope").toString(), "path"))
        .isInstanceOf(FerException.class).hasMessageContaining("nope");
  }

  @Test
  void submitArgumentsAreCheckedByName() {
    assertThat(SparkPredictMain.parse(new String[] {"--input", "a", "--output", "b", "--no-age-gender"}))
        .containsEntry("--input", "a").containsEntry("--no-age-gender", "true");
    assertThatThrownBy(() -> SparkPredictMain.parse(new String[] {"--input", "a"}))
        .isInstanceOf(FerException.class).hasMessageContaining("--output");
    assertThatThrownBy(() -> SparkPredictMain.parse(new String[] {"--inptu", "a"}))
        .isInstanceOf(FerException.class).hasMessageContaining("--inptu");
  }

  @Test
  void badFilesAreErrorRowsAndFacesMatchThePlainPredictor() throws Exception {
    Path cache = cacheOrSkip();
    for (String s : List.of("sample1.jpg", "sample2.jpg")) {
      Files.copy(FaceApiPackage.demoDir(cache).resolve(s), images.resolve(s));
    }
    Path weights = FaceApiPackage.weightsDir(cache);
    // Batch 1 on both sides: the face networks run all faces of a batch together, and batches
    // are made of different images here (Spark spreads the paths over partitions).
    PredictSettings settings = new PredictSettings(weights.toString(), "tiny", 416, 0.5, false, 1, 1);
    Path out = dir.resolve("out.parquet");
    SparkPredictJob.Summary summary =
        SparkPredictJob.run(spark, images.toString(), "path", out.toString(), "parquet", 2, settings);
    List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
    Map<String, List<Row>> byPath = rows.stream().collect(Collectors.groupingBy(r -> r.getString(0)));
    assertThat(byPath).hasSize(5);
    Row broken = byPath.get(images.resolve("broken.jpg").toString()).get(0);
    assertThat(broken.getBoolean(1)).isFalse();
    assertThat(broken.getString(broken.fieldIndex("error"))).contains("broken.jpg");
    assertThat(byPath.get(images.resolve("sub/truncated.png").toString()).get(0).getBoolean(1)).isFalse();
    Row blank = byPath.get(images.resolve("sub/blank.png").toString()).get(0);
    assertThat(blank.getBoolean(1)).isTrue();
    assertThat(blank.getString(blank.fieldIndex("reason"))).isEqualTo("no face found");
    assertThat(blank.isNullAt(2)).isTrue();
    assertThat(blank.getInt(blank.fieldIndex("image_width"))).isEqualTo(64);
    assertThat(broken.isNullAt(broken.fieldIndex("image_width"))).isTrue();

    try (ExpressionPredictor plain = ExpressionPredictor.builder().setWeights(weights).optAgeGender(false).optBatchSize(1).build()) {
      long faces = 0;
      for (String s : List.of("sample1.jpg", "sample2.jpg")) {
        ImageResult expected = plain.predictFiles(List.of(images.resolve(s))).get(0);
        List<Row> got = byPath.get(images.resolve(s).toString());
        got.sort((a, b) -> Integer.compare(a.getInt(2), b.getInt(2)));
        assertThat(got).hasSize(expected.faces().size());
        for (int i = 0; i < got.size(); i++) {
          FaceResult f = expected.faces().get(i);
          Row r = got.get(i);
          assertThat(r.getDouble(r.fieldIndex("x"))).isCloseTo(f.box().x(), within(1e-3));
          assertThat(r.getDouble(r.fieldIndex("score"))).isCloseTo(f.score(), within(1e-6));
          assertThat(r.getString(r.fieldIndex("expression"))).isEqualTo(f.topExpression());
          assertThat(r.getFloat(r.fieldIndex("p_happiness"))).isCloseTo(f.expressions().get("Happiness"), within(1e-5f));
          assertThat(r.getDouble(r.fieldIndex("yaw"))).isCloseTo(f.measures().pose().yaw(), within(1e-3));
          assertThat(r.getDouble(r.fieldIndex("left_eye_open"))).isCloseTo(f.measures().openness().leftEye(), within(1e-6));
        }
        faces += got.size();
      }
      assertThat(faces).isGreaterThan(0);
      assertThat(summary).isEqualTo(new SparkPredictJob.Summary(5, faces + 3, faces, 2));
    }
    assertThat(ExecutorModels.loaded()).isEqualTo(1); // one model set for both partitions
  }

  @Test
  void aPhotoStoredSidewaysGivesTheUprightPhotosFacesAndSize() throws Exception {
    Path cache = cacheOrSkip();
    Path phone = Files.createDirectories(dir.resolve("phone"));
    FloatImage upright = ImageDecoder.decode(FaceApiPackage.demoDir(cache).resolve("sample1.jpg"));
    ImageIO.write(RgbImage.of(upright).toBufferedImage(), "jpg", phone.resolve("upright.jpg").toFile());
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    ImageIO.write(RgbImage.of(Orientation.apply(upright, 8)).toBufferedImage(), "jpg", stored);
    Files.write(phone.resolve("sideways.jpg"), JpegMarkers.withOrientation(stored.toByteArray(), 6));
    PredictSettings settings = new PredictSettings(
        FaceApiPackage.weightsDir(cache).toString(), "tiny", 416, 0.5, false, 1, 1);
    Path out = dir.resolve("phone.parquet");
    SparkPredictJob.run(spark, phone.toString(), "path", out.toString(), "parquet", 2, settings);
    Map<String, List<Row>> byName = spark.read().parquet(out.toString()).collectAsList().stream()
        .collect(Collectors.groupingBy(r -> Path.of(r.getString(0)).getFileName().toString()));
    List<Row> a = byName.get("upright.jpg");
    List<Row> b = byName.get("sideways.jpg");
    assertThat(a).hasSize(3);
    assertThat(b).hasSize(3);
    Row first = b.get(0);
    assertThat(first.getInt(first.fieldIndex("image_width"))).isEqualTo(1920);
    assertThat(first.getInt(first.fieldIndex("image_height"))).isEqualTo(1280);
    for (Row face : a) {
      double nearest = b.stream().mapToDouble(other -> List.of("x", "y", "width", "height").stream()
          .mapToDouble(k -> Math.abs(face.getDouble(face.fieldIndex(k)) - other.getDouble(other.fieldIndex(k))))
          .max().orElseThrow()).min().orElseThrow();
      assertThat(nearest).as("box of upright face " + face.getInt(2)).isLessThan(4.0);
    }
  }

  @Test
  void aTrainedRunIsTheClassifierOpenedOncePerExecutor() throws Exception {
    Path cache = cacheOrSkip();
    Path run = TinyRun.train(dir.resolve("tiny"));
    Path photos = Files.createDirectories(dir.resolve("photos"));
    for (String s : List.of("sample1.jpg", "sample2.jpg")) {
      Files.copy(FaceApiPackage.demoDir(cache).resolve(s), photos.resolve(s));
    }
    Files.writeString(photos.resolve("broken.jpg"), "not a JPEG");
    Path weights = FaceApiPackage.weightsDir(cache);
    PredictSettings settings = new PredictSettings(weights.toString(), "tiny", 416, 0.5, false, 1, 1).withRun(run.toString());
    Path out = dir.resolve("run-out.parquet");
    SparkPredictJob.Summary summary = SparkPredictJob.run(spark, photos.toString(), "path", out.toString(), "parquet", 2, settings);
    assertThat(summary.images()).isEqualTo(3);
    assertThat(summary.failedImages()).isEqualTo(1);
    List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
    assertThat(rows.get(0).schema().fieldNames()).contains("p_r_0", "p_r_6").doesNotContain("p_happiness");
    try (TrainedModel model = TrainedModel.open(run);
        ExpressionPredictor plain = ExpressionPredictor.builder().setWeights(weights).optAgeGender(false).optBatchSize(1)
            .optClassifier(BlockExpressionClassifier.of(model)).build()) {
      ImageResult expected = plain.predictFiles(List.of(photos.resolve("sample1.jpg"))).get(0);
      List<Row> got = rows.stream().filter(r -> r.getString(0).endsWith("sample1.jpg"))
          .sorted((a, b) -> Integer.compare(a.getInt(2), b.getInt(2))).toList();
      assertThat(got).hasSize(expected.faces().size()).hasSize(3);
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i).getString(got.get(i).fieldIndex("expression"))).isEqualTo(expected.faces().get(i).topExpression());
        assertThat(got.get(i).getFloat(got.get(i).fieldIndex("p_r_3")))
            .isCloseTo(expected.faces().get(i).expressions().get("r_3"), within(1e-5f));
      }
    }
    assertThat(ExecutorModels.runsOpened()).isEqualTo(1); // driver and both tasks share one JVM here
    assertThatThrownBy(() -> ExecutorModels.runDir("no-such-run"))
        .isInstanceOf(FerException.class).hasMessageContaining("--archives RUN.zip#no-such-run");
  }

  @Test
  void aPretrainedClassifierChoiceReachesTheExecutors() throws Exception {
    Path cache = cacheOrSkip();
    Path human = HumanPackage.modelsDir(cache);
    Assumptions.assumeTrue(Files.isDirectory(human), "Human's models not in the cache; run ./fer models pull human");
    Path photos = Files.createDirectories(dir.resolve("fer2013"));
    Files.copy(FaceApiPackage.demoDir(cache).resolve("sample1.jpg"), photos.resolve("sample1.jpg"));
    Path weights = FaceApiPackage.weightsDir(cache);
    PredictSettings settings = new PredictSettings(weights.toString(), "tiny", 416, 0.5, false, 1, 1)
        .withClassifier("fer2013", human.toString());
    Path out = dir.resolve("fer2013.parquet");
    SparkPredictJob.run(spark, photos.toString(), "path", out.toString(), "parquet", 2, settings);
    List<Row> got = spark.read().parquet(out.toString()).collectAsList().stream()
        .sorted((a, b) -> Integer.compare(a.getInt(2), b.getInt(2))).toList();
    try (ExpressionPredictor plain = ExpressionPredictor.builder().setWeights(weights).optAgeGender(false)
        .optBatchSize(1).optClassifier(PretrainedClassifier.FER2013, human).build();
        ExpressionPredictor faceApi = ExpressionPredictor.builder().setWeights(weights).optAgeGender(false)
            .optBatchSize(1).build()) {
      ImageResult expected = plain.predictFiles(List.of(photos.resolve("sample1.jpg"))).get(0);
      ImageResult other = faceApi.predictFiles(List.of(photos.resolve("sample1.jpg"))).get(0);
      assertThat(got).hasSize(expected.faces().size()).isNotEmpty();
      double differsFromFaceApi = 0;
      for (int i = 0; i < got.size(); i++) {
        FaceResult f = expected.faces().get(i);
        float p = got.get(i).getFloat(got.get(i).fieldIndex("p_happiness"));
        assertThat(p).isCloseTo(f.expressions().get("Happiness"), within(1e-5f));
        differsFromFaceApi = Math.max(differsFromFaceApi, Math.abs(p - other.faces().get(i).expressions().get("Happiness")));
      }
      assertThat(differsFromFaceApi).as("fer2013 gives other probabilities than face-api").isGreaterThan(1e-3);
    }
    assertThatThrownBy(() -> settings.withRun("some-run"))
        .isInstanceOf(FerException.class).hasMessageContaining("--classifier fer2013 and --run");
    assertThatThrownBy(() -> settings.withClassifier("fer2014", null))
        .isInstanceOf(FerException.class).hasMessageContaining("fer2014");
  }
}

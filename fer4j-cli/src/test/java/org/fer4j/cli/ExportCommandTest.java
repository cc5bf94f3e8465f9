package org.fer4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fer4j.explain.PreparedImage;
import java.util.Map;
import java.util.Random;
import org.fer4j.run.TrainedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fer export} of a registered model and of a trained run, read back by ONNX Runtime. */
class ExportCommandTest {
  @TempDir static Path dir;
  static Path staticRun;
  @TempDir Path tmp;

  @BeforeAll
  static void train() throws Exception {
    staticRun = TinyRuns.staticRun(dir);
  }

  @Test
  void aRegisteredModelExportsWithItsSizeClassesAndADynamicBatch() throws Exception {
    Path file = tmp.resolve("out/resnet18.onnx");
    Object[] r = CliTest.run("export", "--model", "resnet18", "--size", "64", "--classes", "7", "-o", file.toString());
    assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
    assertThat((String) r[1]).contains("wrote", "resnet18", "[batch, 3, 64, 64]", "[batch, 7]");
    assertThat((String) r[2]).contains("random weights");
    try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
      NodeInfo input = session.getInputInfo().get("input");
      assertThat(((TensorInfo) input.getInfo()).getShape()).containsExactly(-1, 3, 64, 64);
      assertThat(((TensorInfo) session.getOutputInfo().get("logits").getInfo()).getShape())
          .containsExactly(-1, 7);
      Map<String, String> meta = session.getMetadata().getCustomMetadata();
      assertThat(meta.get("fer4j.model")).isEqualTo("resnet18");
      assertThat(meta.get("fer4j.provenance")).contains("random (no --pretrained)");
    }
  }

  @Test
  void aTrainedRunExportsItsWeightsLabelsAndInputSize() throws Exception {
    Path file = tmp.resolve("run.onnx");
    Object[] r = CliTest.run("export", "--run", staticRun.toString(), "-o", file.toString());
    assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
    try (TrainedModel trained = TrainedModel.open(staticRun);
        NDManager scope = NDManager.newBaseManager();
        OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
      // two real (SynthFER) faces prepared as predict prepares them, and one random input
      Shape shape = new Shape(3, 3, 32, 32);
      float[] x = new float[(int) shape.size()];
      int image = 3 * 32 * 32;
      List<Path> faces = syntheticFaces(2);
      for (int i = 0; i < faces.size(); i++) {
        float[] chw = PreparedImage.read(faces.get(i), trained.preprocess()).chw();
        System.arraycopy(chw, 0, x, i * image, image);
      }
      Random random = new Random(1);
      for (int i = 2 * image; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      NDArray input = scope.create(x, shape);
      float[] expected =
          trained.block().forward(new ParameterStore(scope, false), new NDList(input), false).head().toFloatArray();
      float[] actual;
      try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(x), shape.getShape());
          OrtSession.Result out = session.run(Map.of("input", t))) {
        FloatBuffer b = ((OnnxTensor) out.get(0)).getFloatBuffer();
        actual = new float[b.remaining()];
        b.get(actual);
      }
      double maxAbs = 0;
      double maxDiff = 0;
      for (int i = 0; i < expected.length; i++) {
        maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
        maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
      }
      assertThat(actual).hasSize(expected.length);
      System.out.printf("trained run: ONNX Runtime vs DJL max error %.2e of max|output|%n", maxDiff / maxAbs);
      assertThat(maxDiff / maxAbs).isLessThan(1e-4);
      Map<String, String> meta = session.getMetadata().getCustomMetadata();
      assertThat(meta.get("fer4j.class_names")).contains(trained.labels().classes().get(0));
      assertThat(meta.get("fer4j.preprocess")).contains("\"height\":32");
      assertThat(meta.get("fer4j.provenance")).contains("best.safetensors", "checkpoint_sha256", "dataFingerprint");
    }
  }

  private static List<Path> syntheticFaces(int count) throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("synth/rafdb"))) {
      List<Path> faces = files.filter(f -> f.toString().endsWith(".jpg") || f.toString().endsWith(".png"))
          .sorted().limit(count).toList();
      assertThat(faces).hasSize(count);
      return faces;
    }
  }

  @Test
  void aClipModelExportsWithItsFramesAsTheThirdAxis() throws Exception {
    Path file = tmp.resolve("gcsa.onnx");
    Object[] r = CliTest.run("export", "--model", "gcsa_resnet18", "--size", "64", "-o", file.toString());
    assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
    assertThat((String) r[1]).contains("[batch, 3, 16, 64, 64]");
    try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
      assertThat(((TensorInfo) session.getInputInfo().get("input").getInfo()).getShape())
          .containsExactly(-1, 3, 16, 64, 64);
      assertThat(session.getMetadata().getCustomMetadata().get("fer4j.preprocess"))
          .contains("\"frames\":16", "\"layout\":\"NCTHW\"");
    }
  }

  @Test
  void faceApiNetsExportFromTheCachedWeights() throws Exception {
    Path weights = org.fer4j.face.faceapi.FaceApiPackage.weightsDir(
        org.fer4j.face.faceapi.FaceApiPackage.cacheRoot(null));
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(weights),
        "face-api weights not in the cache; run ./fer models pull");
    Object[] r = CliTest.run("export", "--face-api", tmp.resolve("face-api").toString());
    assertThat(r[0]).as("stderr: %s", r[2]).isEqualTo(0);
    try (OrtSession session = OrtEnvironment.getEnvironment()
        .createSession(tmp.resolve("face-api/face_expression.onnx").toString())) {
      assertThat(((TensorInfo) session.getOutputInfo().get("logits").getInfo()).getShape()).containsExactly(-1, 7);
      assertThat(session.getMetadata().getCustomMetadata().get("fer4j.class_names")).contains("\"surprised\"");
    }
    assertThat(tmp.resolve("face-api/face_landmark_68.onnx")).isRegularFile();
    r = CliTest.run("export", "--face-api", tmp.resolve("x").toString(), "--model", "resnet18");
    assertThat(r[0]).isEqualTo(3);
  }

  @Test
  void exactlyOneOfModelAndRunIsRequired() {
    Object[] r = CliTest.run("export", "-o", tmp.resolve("x.onnx").toString());
    assertThat(r[0]).isEqualTo(3);
    assertThat((String) r[2]).contains("exactly one of --model");
    r = CliTest.run("export", "--run", staticRun.toString(), "--size", "64", "-o", tmp.resolve("x.onnx").toString());
    assertThat(r[0]).isEqualTo(3);
    assertThat((String) r[2]).contains("drop --pretrained, --classes and --size");
  }
}

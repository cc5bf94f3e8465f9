package org.fer4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.data.LabelSpace;
import org.fer4j.engine.Engines;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiLandmarks;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.faceapi.FaceFeatureBlock;
import org.fer4j.models.PreprocessConfig;
import org.fer4j.testing.ReferencePython;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * face-api's expression and 68-landmark nets with their pretrained weights, exported and run by
 * ONNX Runtime on real face crops and a random image: outputs must match DJL's to 1e-4 of the
 * largest output, and the ONNX checker must accept the files.
 */
class FaceApiExportTest {
  /** The graph takes 0-255 RGB pixels: pixels/255 undone by std 1/255, mean 0. */
  private static final PreprocessConfig PIXELS =
      new PreprocessConfig(112, 112, 3, new float[3], new float[] {1 / 255f, 1 / 255f, 1 / 255f}, 1);

  /** face-api's order of the expression outputs (src/faceExpressionNet/FaceExpressions.ts). */
  private static final LabelSpace FACE_API_EXPRESSIONS =
      new LabelSpace(
          "face-api",
          List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised"),
          false);

  @Test
  void expressionAndLandmarkNetsMatchDjlOnRealFaces(@TempDir Path dir) throws Exception {
    Path cache = FaceApiPackage.cacheRoot(null);
    Path weights = FaceApiPackage.weightsDir(cache);
    Path photo = FaceApiPackage.demoDir(cache).resolve("sample1.jpg");
    Assumptions.assumeTrue(Files.isDirectory(weights) && Files.isRegularFile(photo),
        "face-api weights not in the cache; run ./fer models pull");
    Engines.init();
    List<RgbImage> faces = crops(RgbImage.read(photo), 3);
    faces.add(randomImage(new Random(3)));
    Shape shape = new Shape(faces.size(), 3, 112, 112);
    float[] x = new float[(int) shape.size()];
    for (int i = 0; i < faces.size(); i++) {
      faces.get(i).toChw(x, i * 3 * 112 * 112);
    }
    try (FaceApiModels models = FaceApiModels.load(weights,
        EnumSet.of(FaceApiModels.Net.LANDMARKS_68, FaceApiModels.Net.EXPRESSIONS))) {
      Map<String, FaceFeatureBlock> nets =
          Map.of("face_expression", models.expressions(), "face_landmark_68", models.landmarks68());
      List<String> files = new ArrayList<>();
      for (Map.Entry<String, FaceFeatureBlock> e : nets.entrySet()) {
        FaceFeatureBlock net = e.getValue();
        LabelSpace labels = net.outputs() == 7 ? FACE_API_EXPRESSIONS : LabelSpace.indexed("xy", net.outputs());
        ExportInfo info = new ExportInfo(e.getKey(), PIXELS, labels, Map.of("weights", "face-api 1.7.15"));
        Path file = dir.resolve(e.getKey() + ".onnx");
        OnnxExporter.standard().write(net, info, file);
        files.add(file.toString());
        float[] expected = FaceApiModels.run(net, faces)[0];
        float[] actual = ExportFixture.runOrt(Files.readAllBytes(file), x, shape).get(0);
        double error = ExportFixture.relativeMaxError(expected, actual);
        System.out.printf("%s: ONNX Runtime vs DJL max error %.2e of max|output|%n", e.getKey(), error);
        assertThat(error).as(e.getKey()).isLessThan(1e-4);
      }
      if (ReferencePython.skipReason("the ONNX checker on face-api exports", "onnx") == null) {
        ReferencePython.runScript("tools/onnx/check_model.py", files, 300);
      }
    }
  }

  /** Squares along the photo's middle row, resized as the face pipeline does. */
  private static List<RgbImage> crops(RgbImage photo, int count) {
    List<RgbImage> out = new ArrayList<>();
    int side = photo.height() / 3;
    for (int i = 0; i < count; i++) {
      int x = i * (photo.width() - side) / (count - 1);
      out.add(FaceApiLandmarks.faceInput(photo.crop(x, side, side, side)));
    }
    return out;
  }

  private static RgbImage randomImage(Random random) {
    float[] data = new float[112 * 112 * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = 255 * random.nextFloat();
    }
    return new RgbImage(112, 112, data);
  }
}

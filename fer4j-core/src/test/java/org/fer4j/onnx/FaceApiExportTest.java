package org.fer4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.fer4j.engine.Engines;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiDetectors;
import org.fer4j.face.faceapi.FaceApiLandmarks;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.faceapi.SsdMobilenetV1Block;
import org.fer4j.face.faceapi.TfjsBlock;
import org.fer4j.testing.ReferencePython;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * face-api's expression, 68-landmark and age/gender nets with their pretrained weights, exported and run by
 * ONNX Runtime on real face crops and a random image: outputs must match DJL's to 1e-4 of the
 * largest output, and the ONNX checker must accept the files.
 */
class FaceApiExportTest {
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
    List<Path> files = FaceApiExports.writeAll(weights, dir);
    assertThat(files).extracting(f -> f.getFileName().toString())
        .containsExactly(
            "face_expression.onnx", "face_landmark_68.onnx", "face_age_gender.onnx", "tiny_face_detector.onnx",
            "ssd_mobilenetv1.onnx");
    try (FaceApiModels models = FaceApiModels.load(weights, EnumSet.of(FaceApiModels.Net.LANDMARKS_68,
        FaceApiModels.Net.EXPRESSIONS, FaceApiModels.Net.AGE_GENDER))) {
      List<TfjsBlock> nets = List.of(models.expressions(), models.landmarks68(), models.ageGender());
      for (int n = 0; n < nets.size(); n++) {
        float[][] expected = FaceApiModels.run(nets.get(n), faces);
        List<float[]> actual = ExportFixture.runOrt(Files.readAllBytes(files.get(n)), x, shape);
        assertThat(actual).hasSize(expected.length);
        for (int o = 0; o < expected.length; o++) {
          double error = ExportFixture.relativeMaxError(expected[o], actual.get(o));
          String what = files.get(n).getFileName() + " output " + o;
          System.out.printf("%s: ONNX Runtime vs DJL max error %.2e of max|output|%n", what, error);
          assertThat(error).as(what).isLessThan(1e-4);
        }
      }
    }
    assertDetectorMatches(weights, photo, files.get(3), FaceApiModels.Net.TINY_FACE_DETECTOR, FaceApiExports.TINY_DETECTOR_SIZE);
    assertDetectorMatches(weights, photo, files.get(4), FaceApiModels.Net.SSD_MOBILENET_V1, SsdMobilenetV1Block.INPUT_SIZE);
    if (ReferencePython.skipReason("the ONNX checker on face-api exports", "onnx") == null) {
      ReferencePython.runScript("tools/onnx/check_model.py", files.stream().map(Path::toString).toList(), 300);
    }
  }

  /** A detector's outputs on the whole photo, padded to a square and resized to its input. */
  private static void assertDetectorMatches(Path weights, Path photo, Path file, FaceApiModels.Net net, int side)
      throws Exception {
    RgbImage input = FaceApiDetectors.detectorInput(RgbImage.read(photo), side);
    float[] x = new float[3 * side * side];
    input.toChw(x, 0);
    try (FaceApiModels models = FaceApiModels.load(weights, EnumSet.of(net))) {
      TfjsBlock block = net == FaceApiModels.Net.TINY_FACE_DETECTOR ? models.tinyFaceDetector() : models.ssdMobilenetV1();
      float[][] expected = FaceApiModels.run(block, List.of(input));
      List<float[]> actual = ExportFixture.runOrt(Files.readAllBytes(file), x, new Shape(1, 3, side, side));
      assertThat(actual).hasSize(expected.length);
      for (int o = 0; o < expected.length; o++) {
        double error = ExportFixture.relativeMaxError(expected[o], actual.get(o));
        String what = file.getFileName() + " output " + o;
        System.out.printf("%s: ONNX Runtime vs DJL max error %.2e of max|output|%n", what, error);
        assertThat(error).as(what).isLessThan(1e-4);
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

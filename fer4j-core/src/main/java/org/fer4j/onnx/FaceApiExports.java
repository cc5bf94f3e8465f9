package org.fer4j.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceApiModels.Net;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.faceapi.FaceFeatureBlock;
import org.fer4j.face.faceapi.SsdMobilenetV1Block;
import org.fer4j.face.faceapi.TfjsBlock;
import org.fer4j.data.PreprocessConfig;

/**
 * face-api's networks as ONNX files, from the pretrained TF.js weights: the nets on 112x112 face
 * crops (expressions, 68 landmarks, age/gender), the tiny face detector up to its raw grid and
 * SSD MobileNet up to its decoded boxes and scores (non-maximum suppression stays outside).
 */
public final class FaceApiExports {
  /**
   * The nets take 0-255 RGB pixels and normalise inside the graph: in the metadata's terms,
   * pixels/255 with mean 0 and std 1/255.
   */
  public static final PreprocessConfig PIXELS =
      new PreprocessConfig(
          FaceFeatureBlock.INPUT_SIZE, FaceFeatureBlock.INPUT_SIZE, 3, new float[3],
          new float[] {1 / 255f, 1 / 255f, 1 / 255f}, 1);

  /** face-api's order of the expression outputs ({@code src/faceExpressionNet/FaceExpressions.ts}). */
  public static final LabelSpace EXPRESSIONS =
      new LabelSpace(
          "face-api",
          List.of("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised"),
          false);

  /**
   * The 68 landmarks as x0, y0, x1, y1, ... in units of the 112 px input: the face crop padded to a
   * centred square and resized (face-api's {@code FaceLandmark68NetBase.postProcess} maps them back).
   */
  public static final LabelSpace LANDMARKS = LabelSpace.indexed("landmark_xy", 136);

  /**
   * The age/gender net's first output is the age in years, one value per face (its second,
   * {@code output_1}, the male and female scores before softmax).
   */
  public static final LabelSpace AGE = new LabelSpace("face-api age", List.of("age"), false);

  /** face-api's default input side of the tiny face detector. */
  public static final int TINY_DETECTOR_SIZE = 416;

  /**
   * The tiny face detector's 25 output channels: for each of its 5 anchors x, y, w, h and score
   * logits, per grid cell.
   */
  public static final LabelSpace TINY_DETECTOR_GRID = tinyDetectorChannels();

  /** SSD MobileNet's boxes: (ymin, xmin, ymax, xmax) relative to the input, per anchor. */
  public static final LabelSpace BOX = new LabelSpace("box", List.of("ymin", "xmin", "ymax", "xmax"), false);

  private FaceApiExports() {}

  private static LabelSpace tinyDetectorChannels() {
    List<String> names = new ArrayList<>();
    for (int a = 0; a < 5; a++) {
      for (String field : List.of("x", "y", "w", "h", "score")) {
        names.add("anchor" + a + "_" + field);
      }
    }
    return new LabelSpace("tiny face detector grid", names, false);
  }

  /**
   * Writes {@code face_expression.onnx}, {@code face_landmark_68.onnx}, {@code
   * face_age_gender.onnx}, {@code tiny_face_detector.onnx} and {@code ssd_mobilenetv1.onnx} into
   * {@code outDir} and returns their paths.
   */
  public static List<Path> writeAll(Path weightsDir, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    List<Path> written = new ArrayList<>();
    List<Net> order = List.of(Net.EXPRESSIONS, Net.LANDMARKS_68, Net.AGE_GENDER, Net.TINY_FACE_DETECTOR, Net.SSD_MOBILENET_V1);
    try (FaceApiModels models = FaceApiModels.load(weightsDir, EnumSet.copyOf(order))) {
      for (Net net : order) {
        ExportInfo info = info(net, TINY_DETECTOR_SIZE);
        Path file = outDir.resolve(info.modelName() + ".onnx");
        OnnxExporter.standard().write(models.block(net), info, file);
        written.add(file);
      }
    }
    return written;
  }

  /**
   * The export metadata of one net: its file base name, input and output names.
   *
   * @param detectorSide the tiny face detector's input side (a multiple of 32); the other nets
   *     have fixed inputs
   */
  public static ExportInfo info(Net net, int detectorSide) {
    return switch (net) {
      case EXPRESSIONS -> info("face_expression", EXPRESSIONS, PIXELS);
      case LANDMARKS_68 -> info("face_landmark_68", LANDMARKS, PIXELS);
      case AGE_GENDER -> info("face_age_gender", AGE, PIXELS);
      case TINY_FACE_DETECTOR -> info("tiny_face_detector", TINY_DETECTOR_GRID, square(detectorSide));
      case SSD_MOBILENET_V1 -> info("ssd_mobilenetv1", BOX, square(SsdMobilenetV1Block.INPUT_SIZE));
    };
  }

  private static PreprocessConfig square(int side) {
    return new PreprocessConfig(side, side, 3, PIXELS.mean(), PIXELS.std(), 1);
  }

  private static ExportInfo info(String name, LabelSpace labels, PreprocessConfig input) {
    Map<String, Object> provenance =
        Map.of("weights", FaceApiPackage.PACKAGE + "@" + FaceApiPackage.VERSION + " " + name + "_model");
    return new ExportInfo(name, input, labels, provenance);
  }
}

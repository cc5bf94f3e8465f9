package org.fer4j.predict;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.face.Detection;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiDetectors;
import org.fer4j.face.faceapi.FaceApiLandmarks;
import org.fer4j.face.faceapi.NetRunner;

/**
 * The face-api half of {@link ExpressionPredictor}: detection and 68-point landmarks over a batch
 * of images, and the age/gender net on the aligned crops.
 *
 * @param inputSize the tiny detector's input side
 * @param maxResults the SSD detector's most faces per image
 */
record FaceLocator(ExpressionPredictor.Detector detector, NetRunner detectorNet, NetRunner landmarkNet,
    int inputSize, double minScore, int maxResults) {
  /** The faces found in a batch: each with its detection and the index of its image. */
  record Located(List<FaceInput> faces, List<Detection> kept, List<Integer> owner) {}

  /** Detects the faces of every image and places their landmarks (faces cut off by the edge are skipped). */
  Located locate(List<RgbImage> images) {
    List<List<Detection>> detections = detect(images);
    List<FaceInput> faces = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    List<RgbImage> crops = new ArrayList<>();
    List<double[]> origins = new ArrayList<>();
    List<Detection> kept = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      RgbImage img = images.get(i);
      for (Detection d : detections.get(i)) {
        int[] r = FaceApiLandmarks.clipAndFloor(d.box(), img.width(), img.height());
        if (r == null) {
          continue;
        }
        crops.add(img.crop(r[0], r[1], r[2], r[3]));
        origins.add(new double[] {d.box().x(), d.box().y()});
        owner.add(i);
        kept.add(d);
      }
    }
    List<float[]> landmarks = FaceApiLandmarks.landmarks(landmarkNet, crops, origins);
    for (int f = 0; f < kept.size(); f++) {
      float[] pts = landmarks.get(f);
      faces.add(new FaceInput(images.get(owner.get(f)), kept.get(f).box(), pts, FaceApiLandmarks.alignedBox(pts)));
    }
    return new Located(faces, kept, owner);
  }

  private List<List<Detection>> detect(List<RgbImage> images) {
    return switch (detector) {
      case TINY -> FaceApiDetectors.tiny(detectorNet, images, inputSize, minScore);
      case SSD -> FaceApiDetectors.ssd(detectorNet, images, minScore, maxResults);
    };
  }

  /** face-api's AgeGenderNet on the same aligned crops: age, then P(male) after a softmax. */
  static float[][] ageAndGender(NetRunner ageGenderNet, List<FaceInput> faces) {
    List<RgbImage> inputs = new ArrayList<>();
    for (FaceInput f : faces) {
      inputs.add(FaceApiLandmarks.faceInput(FaceApiExpressionClassifier.alignedCrop(f)));
    }
    float[][] out = ageGenderNet.run(inputs);
    float[] male = new float[faces.size()];
    for (int f = 0; f < faces.size(); f++) {
      male[f] = Softmax.of(out[1], 2 * f, 2)[0];
    }
    return new float[][] {out[0], male};
  }
}

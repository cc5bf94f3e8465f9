package org.fer4j.predict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.Detection;
import org.fer4j.face.RgbImage;
import org.fer4j.face.pose.FaceMeasures;

/** Gathers {@link ExpressionPredictor}'s per-face outputs of one batch into per-image results. */
final class FaceResults {
  private FaceResults() {}

  /**
   * @param owner for each face, the index of its image
   * @param ages null, or {ages, P(male)} per face
   * @param maps null, or one explanation per face
   */
  static List<ImageResult> assemble(
      List<RgbImage> images, List<String> sources, LabelSpace labels, List<FaceInput> faces, List<Detection> kept,
      List<Integer> owner, List<float[]> probs, float[][] ages, List<FaceExplanation> maps) {
    List<List<FaceResult>> perImage = new ArrayList<>();
    images.forEach(i -> perImage.add(new ArrayList<>()));
    for (int f = 0; f < faces.size(); f++) {
      Map<String, Float> named = new LinkedHashMap<>();
      for (int c = 0; c < labels.size(); c++) {
        named.put(labels.nameOf(c), probs.get(f)[c]);
      }
      float age = ages == null ? Float.NaN : ages[0][f];
      String gender = ages == null ? null : ages[1][f] > 0.5f ? "male" : "female";
      float genderP = ages == null ? Float.NaN : Math.max(ages[1][f], 1 - ages[1][f]);
      FaceInput in = faces.get(f);
      FaceBox box = in.box();
      FaceMeasures measures = FaceMeasures.measure(in.landmarks(), in.image().width(), in.image().height());
      perImage.get(owner.get(f)).add(
          new FaceResult(box, kept.get(f).score(), in.landmarks(), in.alignedBox(), named, age, gender, genderP,
              maps == null ? null : maps.get(f), measures));
    }
    List<ImageResult> out = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      out.add(new ImageResult(sources.get(i), images.get(i).width(), images.get(i).height(), perImage.get(i), null));
    }
    return out;
  }
}

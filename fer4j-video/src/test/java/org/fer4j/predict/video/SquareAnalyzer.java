package org.fer4j.predict.video;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.fer4j.predict.FaceResult;
import org.fer4j.predict.ImageResult;

/**
 * A detector for {@link SyntheticVideo}: the bounding box of the pixels of each strongly
 * saturated red, green or blue colour below the frame-number strip is a "face" whose expression
 * follows its colour (red: Anger, green: Happiness, blue: Sadness, with probability 0.8). No
 * landmarks, so the tracker associates by box overlap alone.
 */
final class SquareAnalyzer implements FrameAnalyzer {
  private static final String[] BY_CHANNEL = {"Anger", "Happiness", "Sadness"};

  @Override
  public LabelSpace labels() {
    return LabelSpace.EXPRESSION_7;
  }

  @Override
  public List<ImageResult> analyze(List<RgbImage> images, List<String> sources) {
    List<ImageResult> out = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      RgbImage img = images.get(i);
      out.add(new ImageResult(sources.get(i), img.width(), img.height(), find(img), null));
    }
    return out;
  }

  private List<FaceResult> find(RgbImage img) {
    List<FaceResult> faces = new ArrayList<>();
    float[] px = img.data(); // frames are 8-bit: one float copy per frame, not per pixel
    for (int channel = 0; channel < 3; channel++) {
      int minX = Integer.MAX_VALUE;
      int minY = Integer.MAX_VALUE;
      int maxX = -1;
      int maxY = -1;
      for (int y = SyntheticVideo.CODE_ROWS + 2; y < img.height(); y++) {
        for (int x = 0; x < img.width(); x++) {
          int p = (y * img.width() + x) * 3;
          float v = px[p + channel];
          float others = px[p + (channel + 1) % 3] + px[p + (channel + 2) % 3];
          if (v > 180 && others < 160) {
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
          }
        }
      }
      if (maxX >= 0 && maxX - minX >= 4 && maxY - minY >= 4) {
        FaceBox box = new FaceBox(minX, minY, maxX - minX + 1, maxY - minY + 1);
        faces.add(new FaceResult(box, 0.9, null, box, expressions(BY_CHANNEL[channel]), Float.NaN, null, Float.NaN));
      }
    }
    return faces;
  }

  private static Map<String, Float> expressions(String top) {
    Map<String, Float> probs = new LinkedHashMap<>();
    for (String name : LabelSpace.EXPRESSION_7.classes()) {
      probs.put(name, name.equals(top) ? 0.8f : 0.2f / 6);
    }
    return probs;
  }
}

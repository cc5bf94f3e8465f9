package org.fer4j.predict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;

/**
 * Test-time augmentation by mirroring ({@code --tta flip}): each face is classified as it is and
 * as its mirror image, and the two probability vectors are averaged. A face's expression does not
 * change in a mirror, so a classifier whose answer does is partly answering the face's side.
 *
 * <p>The mirrored face is the face in the mirrored photo: its box and landmarks are reflected
 * (x to {@code width - x}) and the 68 landmarks renumbered so that, e.g., the left eye's points
 * stay the left eye's (iBUG 300-W numbering, as face-api's landmark net outputs it), which
 * landmark-aligned classifiers need.
 */
public final class FlipTtaClassifier implements ExpressionClassifier {
  /** For mirrored point i, the original point it comes from (iBUG 68-point left/right pairs). */
  static final int[] MIRROR_68 = mirror68();

  private final ExpressionClassifier inner;

  public FlipTtaClassifier(ExpressionClassifier inner) {
    this.inner = inner;
  }

  @Override
  public LabelSpace labels() {
    return inner.labels();
  }

  @Override
  public List<float[]> classify(List<FaceInput> faces) {
    List<float[]> plain = inner.classify(faces);
    Map<RgbImage, RgbImage> mirroredImages = new HashMap<>();
    List<FaceInput> mirrored = new ArrayList<>();
    for (FaceInput f : faces) {
      mirrored.add(mirror(f, mirroredImages.computeIfAbsent(f.image(), RgbImage::mirrored)));
    }
    List<float[]> flipped = inner.classify(mirrored);
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < faces.size(); i++) {
      float[] a = plain.get(i);
      float[] b = flipped.get(i);
      float[] mean = new float[a.length];
      for (int k = 0; k < a.length; k++) {
        mean[k] = (a[k] + b[k]) / 2;
      }
      out.add(mean);
    }
    return out;
  }

  /** A face as it appears in the mirrored photo. */
  static FaceInput mirror(FaceInput f, RgbImage mirroredImage) {
    int w = f.image().width();
    float[] pts = f.landmarks();
    float[] mp = null;
    if (pts != null) {
      mp = new float[pts.length];
      for (int i = 0; i < pts.length / 2; i++) {
        int from = pts.length == 136 ? MIRROR_68[i] : i;
        mp[2 * i] = w - pts[2 * from];
        mp[2 * i + 1] = pts[2 * from + 1];
      }
    }
    return new FaceInput(mirroredImage, mirror(f.box(), w), mp, f.alignedBox() == null ? null : mirror(f.alignedBox(), w));
  }

  static FaceBox mirror(FaceBox b, int width) {
    return new FaceBox(width - b.x() - b.width(), b.y(), b.width(), b.height());
  }

  private static int[] mirror68() {
    int[] m = new int[68];
    for (int i = 0; i < 68; i++) {
      m[i] = i;
    }
    int[][] pairs = {
      {0, 16}, {1, 15}, {2, 14}, {3, 13}, {4, 12}, {5, 11}, {6, 10}, {7, 9}, // jaw
      {17, 26}, {18, 25}, {19, 24}, {20, 23}, {21, 22}, // eyebrows
      {31, 35}, {32, 34}, // nostrils
      {36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46}, // eyes
      {48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58}, // outer lips
      {60, 64}, {61, 63}, {65, 67} // inner lips
    };
    for (int[] p : pairs) {
      m[p[0]] = p[1];
      m[p[1]] = p[0];
    }
    return m;
  }
}

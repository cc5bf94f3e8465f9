package org.fer4j.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.data.FaceBox;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.junit.jupiter.api.Test;

/** Mirroring a face for {@code --tta flip}: box, pixels and renumbered landmarks; averaging. */
class FlipTtaClassifierTest {
  private static final LabelSpace TWO = new LabelSpace("two", List.of("left", "right"), false);

  /** A face whose 68 landmarks lie on a line, point i at x = 10 + i; image 200 px wide. */
  private static FaceInput face() {
    float[] pts = new float[136];
    for (int i = 0; i < 68; i++) {
      pts[2 * i] = 10 + i;
      pts[2 * i + 1] = 50;
    }
    float[] data = new float[200 * 100 * 3];
    data[(5 * 200 + 20) * 3] = 255; // one red pixel at (20, 5)
    return new FaceInput(new RgbImage(200, 100, data), new FaceBox(20, 30, 60, 40), pts, new FaceBox(5, 25, 80, 50));
  }

  @Test
  void theMirroredFaceIsTheFaceInTheMirroredPhoto() {
    FaceInput f = face();
    FaceInput m = FlipTtaClassifier.mirror(f, f.image().mirrored());
    assertThat(m.box()).isEqualTo(new FaceBox(120, 30, 60, 40));
    assertThat(m.alignedBox()).isEqualTo(new FaceBox(115, 25, 80, 50));
    assertThat(m.image().data()[(5 * 200 + 179) * 3]).isEqualTo(255);
    // Mirrored point 36 (left eye's outer corner) is original point 45 reflected: x = 200 - 55.
    assertThat(m.landmarks()[2 * 36]).isEqualTo(145);
    assertThat(m.landmarks()[2 * 45]).isEqualTo(200 - 46);
    assertThat(m.landmarks()[2 * 30]).as("the nose tip is its own mirror").isEqualTo(200 - 40);
    FaceInput back = FlipTtaClassifier.mirror(m, m.image().mirrored());
    assertThat(back.landmarks()).containsExactly(f.landmarks());
    assertThat(back.box()).isEqualTo(f.box());
    assertThat(back.image().data()).containsExactly(f.image().data());
  }

  @Test
  void averagesEachFaceWithItsMirrorImage() {
    // A classifier that only looks at where the face is: P(left) = 1 - centre x / width.
    ExpressionClassifier sideOnly = new ExpressionClassifier() {
      @Override
      public LabelSpace labels() {
        return TWO;
      }

      @Override
      public List<float[]> classify(List<FaceInput> faces) {
        List<float[]> out = new ArrayList<>();
        for (FaceInput f : faces) {
          float c = (f.box().x() + f.box().width() / 2) / f.image().width();
          out.add(new float[] {1 - c, c});
        }
        return out;
      }
    };
    List<float[]> plain = sideOnly.classify(List.of(face()));
    assertThat(plain.get(0)).containsExactly(new float[] {0.75f, 0.25f}, within(1e-6f));
    List<float[]> tta = new FlipTtaClassifier(sideOnly).classify(List.of(face(), face()));
    assertThat(tta).hasSize(2);
    assertThat(tta.get(0)).containsExactly(new float[] {0.5f, 0.5f}, within(1e-6f));
  }
}

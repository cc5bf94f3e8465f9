package org.fer4j.face.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class FaceOpennessTest {
  /**
   * A synthetic 68-point face in iBUG order: each eye a 30 px wide almond whose lids stand
   * {@code rightLid} / {@code leftLid} px from its axis, and a 50 px wide mouth whose inner lips are
   * {@code lipGap} px apart. Points the ratios do not use stay at the origin.
   */
  static float[] face(double rightLid, double leftLid, double lipGap) {
    float[] p = new float[136];
    eye(p, 36, 100, 100, rightLid); // the person's right eye, on the image's left
    eye(p, 42, 160, 100, leftLid);
    set(p, 48, 105, 170);
    set(p, 54, 155, 170);
    for (int k = 0; k < 3; k++) {
      double x = 120 + 10 * k;
      set(p, 61 + k, x, 170 - lipGap / 2);
      set(p, 67 - k, x, 170 + lipGap / 2);
    }
    return p;
  }

  private static void eye(float[] p, int first, double x0, double y, double lid) {
    set(p, first, x0, y);
    set(p, first + 1, x0 + 10, y - lid);
    set(p, first + 2, x0 + 20, y - lid);
    set(p, first + 3, x0 + 30, y);
    set(p, first + 4, x0 + 20, y + lid);
    set(p, first + 5, x0 + 10, y + lid);
  }

  private static void set(float[] p, int i, double x, double y) {
    p[2 * i] = (float) x;
    p[2 * i + 1] = (float) y;
  }

  @Test
  void ratiosAreTheDefinedDistanceQuotients() {
    FaceOpenness o = FaceOpenness.of(face(4.5, 4.5, 10));
    assertThat(o.leftEye()).isCloseTo(9.0 / 30, Offset.offset(1e-6)); // (9 + 9) / (2 * 30)
    assertThat(o.rightEye()).isCloseTo(9.0 / 30, Offset.offset(1e-6));
    assertThat(o.mouth()).isCloseTo(10.0 / 50, Offset.offset(1e-6));
  }

  @Test
  void openIsLargerThanClosedAndEachEyeIsThePersonsOwn() {
    FaceOpenness leftClosed = FaceOpenness.of(face(5, 0.5, 0));
    assertThat(leftClosed.leftEye()).isLessThan(0.05);
    assertThat(leftClosed.rightEye()).isGreaterThan(0.3);
    FaceOpenness rightClosed = FaceOpenness.of(face(0.5, 5, 0));
    assertThat(rightClosed.rightEye()).isLessThan(rightClosed.leftEye());
    double closedMouth = FaceOpenness.of(face(5, 5, 0)).mouth();
    double parted = FaceOpenness.of(face(5, 5, 8)).mouth();
    double wide = FaceOpenness.of(face(5, 5, 25)).mouth();
    assertThat(closedMouth).isZero();
    assertThat(parted).isGreaterThan(closedMouth);
    assertThat(wide).isGreaterThan(parted);
  }

  @Test
  void ratiosDoNotDependOnFaceSize() {
    float[] small = face(4, 3, 12);
    float[] big = small.clone();
    for (int i = 0; i < big.length; i++) {
      big[i] *= 3.5f;
    }
    FaceOpenness a = FaceOpenness.of(small);
    FaceOpenness b = FaceOpenness.of(big);
    assertThat(b.mouth()).isCloseTo(a.mouth(), Offset.offset(1e-6));
    assertThat(b.leftEye()).isCloseTo(a.leftEye(), Offset.offset(1e-6));
    assertThat(b.rightEye()).isCloseTo(a.rightEye(), Offset.offset(1e-6));
  }

  @Test
  void wrongLandmarkCountIsNamed() {
    assertThatThrownBy(() -> FaceOpenness.of(new float[10]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("68 (x, y) points").hasMessageContaining("was 10");
  }
}

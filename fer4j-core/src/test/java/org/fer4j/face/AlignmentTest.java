package org.fer4j.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AlignmentTest {
  @Test
  void recoversAKnownSimilarityExactly() {
    // dst = 2 * R(30 deg) * src + (5, -3)
    double c = 2 * Math.cos(Math.PI / 6);
    double s = 2 * Math.sin(Math.PI / 6);
    float[] src = {0, 0, 10, 0, 0, 10, 7, 3};
    float[] dst = new float[8];
    for (int i = 0; i < 4; i++) {
      dst[2 * i] = (float) (c * src[2 * i] - s * src[2 * i + 1] + 5);
      dst[2 * i + 1] = (float) (s * src[2 * i] + c * src[2 * i + 1] - 3);
    }
    double[] m = Alignment.similarity(src, dst);
    assertThat(m[0]).isCloseTo(c, within(1e-5));
    assertThat(m[3]).isCloseTo(s, within(1e-5));
    assertThat(m[1]).isCloseTo(-s, within(1e-5));
    assertThat(m[2]).isCloseTo(5, within(1e-4));
    assertThat(m[5]).isCloseTo(-3, within(1e-4));
  }

  @Test
  void leastSquaresAveragesSymmetricNoise() {
    // Two points pulled apart by +-1 around a pure translation by (2, 0): scale 1.1 exactly.
    float[] src = {-10, 0, 10, 0};
    float[] dst = {-9, 0, 13, 0};
    double[] m = Alignment.similarity(src, dst);
    assertThat(m[0]).isCloseTo(1.1, within(1e-9));
    assertThat(m[2]).isCloseTo(2, within(1e-9));
  }

  @Test
  void warpShiftsPixelsByTheTranslation() {
    float[] data = new float[4 * 4 * 3];
    data[(1 * 4 + 1) * 3] = 100; // red pixel at (1,1)
    RgbImage img = new RgbImage(4, 4, data);
    RgbImage out = Alignment.warp(img, new double[] {1, 0, 2, 0, 1, 1}, 4, 4);
    assertThat(out.data()[(2 * 4 + 3) * 3]).isEqualTo(100f); // now at (3,2)
    assertThat(out.data()[(1 * 4 + 1) * 3]).isZero();
  }

  @Test
  void fivePointsAreEyeCentresNoseAndMouthCorners() {
    float[] pts = new float[136];
    for (int i = 0; i < 68; i++) {
      pts[2 * i] = i;
      pts[2 * i + 1] = 2 * i;
    }
    float[] five = Alignment.fivePoints(pts);
    assertThat(five).containsExactly(38.5f, 77f, 44.5f, 89f, 30f, 60f, 48f, 96f, 54f, 108f);
  }

  @Test
  void alignedTemplatePointsLandOnTheTemplate() {
    // A face whose five points already are the template maps with the identity.
    float[] t = Alignment.Template.ARCFACE_112.points();
    double[] m = Alignment.similarity(t, t);
    assertThat(m).containsExactly(new double[] {1, 0, 0, 0, 1, 0}, within(1e-6));
    assertThat(Alignment.Template.ARCFACE_112.scaled(224, 1.0).points()[0]).isCloseTo(76.5892f, within(1e-3f));
  }
}

package org.fer4j.face.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PerspectivePnpTest {
  private static final Camera CAMERA = Camera.forImage(640, 480);
  // About 60 cm from the camera and a little off-centre: the face is some 150 px wide.
  private static final double[] TRANSLATION = {4, -3, 60};

  static double[] project(HeadPose pose, double[] translation, Camera camera) {
    double[][] model = MeanFace.points();
    double[][] r = pose.rotation();
    double[][] cam = new double[model.length][];
    for (int i = 0; i < model.length; i++) {
      cam[i] = Rotations.add(Rotations.apply(r, model[i]), translation);
    }
    return camera.project(cam);
  }

  @Test
  void recoversKnownAnglesFromNoisyProjectionsWithinThreeDegrees() {
    Random noise = new Random(17);
    double worst = 0;
    int solved = 0;
    for (int yaw = -40; yaw <= 40; yaw += 10) {
      for (int pitch = -40; pitch <= 40; pitch += 10) {
        for (int roll : new int[] {-25, 0, 15}) {
          HeadPose truth = new HeadPose(yaw, pitch, roll);
          double[] uv = project(truth, TRANSLATION, CAMERA);
          for (int k = 0; k < uv.length; k++) {
            uv[k] += 0.5 * noise.nextGaussian();
          }
          HeadPose got = HeadPose.fromRotation(PerspectivePnp.solve(MeanFace.points(), uv, CAMERA).rotation());
          worst = Math.max(worst, Math.abs(got.yaw() - yaw));
          worst = Math.max(worst, Math.abs(got.pitch() - pitch));
          worst = Math.max(worst, Math.abs(got.roll() - roll));
          solved++;
        }
      }
    }
    assertThat(solved).isEqualTo(9 * 9 * 3);
    assertThat(worst).as("largest angle error in degrees").isLessThan(3);
  }

  @Test
  void exactProjectionsGiveTheExactPoseAndTranslation() {
    HeadPose truth = new HeadPose(-33, 21, 8);
    PerspectivePnp.Fit fit = PerspectivePnp.solve(MeanFace.points(), project(truth, TRANSLATION, CAMERA), CAMERA);
    HeadPose got = HeadPose.fromRotation(fit.rotation());
    assertThat(got.yaw()).isCloseTo(-33, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(got.pitch()).isCloseTo(21, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(got.roll()).isCloseTo(8, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(fit.translation()).containsExactly(TRANSLATION, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(fit.rmsError()).isLessThan(1e-6);
  }

  @Test
  void weakPerspectiveStartIsAlreadyCloseForAFarFace() {
    HeadPose truth = new HeadPose(25, -15, 10);
    double[] far = {0, 0, 400};
    PerspectivePnp.Fit start = PerspectivePnp.weakPerspective(MeanFace.points(), project(truth, far, CAMERA), CAMERA);
    HeadPose got = HeadPose.fromRotation(start.rotation());
    assertThat(Math.abs(got.yaw() - 25) + Math.abs(got.pitch() + 15) + Math.abs(got.roll() - 10)).isLessThan(3);
  }

  // The signs as a viewer sees them: yaw > 0 moves the nose tip right of the eyes' midpoint,
  // pitch > 0 moves it up, roll > 0 lowers the eye on the image's right.
  @Test
  void angleSignsFollowWhatTheViewerSees() {
    int nose = 3; // iBUG 30 in MeanFace's row order
    int outerLeft = 9; // iBUG 36, the eye on the image's left
    int outerRight = 12; // iBUG 45
    double[] front = project(new HeadPose(0, 0, 0), TRANSLATION, CAMERA);
    double[] yawed = project(new HeadPose(20, 0, 0), TRANSLATION, CAMERA);
    double[] pitched = project(new HeadPose(0, 20, 0), TRANSLATION, CAMERA);
    double[] rolled = project(new HeadPose(0, 0, 20), TRANSLATION, CAMERA);
    assertThat(noseOffset(yawed, nose, outerLeft, outerRight, 0)).isGreaterThan(noseOffset(front, nose, outerLeft, outerRight, 0) + 5);
    assertThat(noseOffset(pitched, nose, outerLeft, outerRight, 1)).isLessThan(noseOffset(front, nose, outerLeft, outerRight, 1) - 5);
    assertThat(rolled[2 * outerRight + 1]).isGreaterThan(rolled[2 * outerLeft + 1] + 10);
  }

  private static double noseOffset(double[] uv, int nose, int a, int b, int axis) {
    return uv[2 * nose + axis] - (uv[2 * a + axis] + uv[2 * b + axis]) / 2;
  }

  @Test
  void tooFewPointsAreRefusedWithTheCounts() {
    double[][] three = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}};
    assertThatThrownBy(() -> PerspectivePnp.solve(three, new double[6], CAMERA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 3 points and 6 image coordinates");
  }
}

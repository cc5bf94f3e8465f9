package org.fer4j.face.pose;

/**
 * Head pose and eye and mouth openness of one face, measured from its 68 landmarks.
 *
 * @param pose head orientation ({@link HeadPose} defines the angles and their signs)
 * @param openness eye and mouth openness ratios
 * @param poseError root-mean-square distance in pixels between the landmarks and the posed mean
 *     face, a hint at how much the face's shape or expression differs from {@link MeanFace}
 */
public record FaceMeasures(HeadPose pose, FaceOpenness openness, double poseError) {

  /**
   * Measures a face in an image of the given size, with the camera of {@link Camera#forImage}.
   *
   * @param landmarks 68 iBUG points {x0, y0, x1, y1, ...} in image pixels
   * @return the measures, or null when the landmarks are degenerate (not finite, or all on one line)
   */
  public static FaceMeasures measure(float[] landmarks, int width, int height) {
    double[] uv = MeanFace.imagePoints(landmarks);
    for (float v : landmarks) {
      if (!Float.isFinite(v)) {
        return null;
      }
    }
    try {
      PerspectivePnp.Fit fit = PerspectivePnp.solve(MeanFace.points(), uv, Camera.forImage(width, height));
      HeadPose pose = HeadPose.fromRotation(fit.rotation());
      FaceOpenness open = FaceOpenness.of(landmarks);
      boolean finite = Double.isFinite(pose.yaw() + pose.pitch() + pose.roll() + fit.rmsError())
          && Double.isFinite(open.mouth() + open.leftEye() + open.rightEye());
      return finite ? new FaceMeasures(pose, open, fit.rmsError()) : null;
    } catch (ArithmeticException degenerate) {
      return null;
    }
  }
}

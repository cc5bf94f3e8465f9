package org.fer4j.face.pose;

/**
 * A pinhole camera in pixels, without distortion.
 *
 * @param focal focal length in pixels (the same along x and y)
 * @param cx principal point x
 * @param cy principal point y
 */
public record Camera(double focal, double cx, double cy) {
  public Camera {
    if (!(focal > 0)) {
      throw new IllegalArgumentException("focal length must be > 0 pixels, was " + focal);
    }
  }

  /**
   * The camera assumed for a photo whose intrinsics are unknown: focal length equal to the image
   * width (a horizontal field of view of about 53 degrees, a normal lens) and the principal point
   * at the image centre. Head angles depend little on the focal length when the face is small in
   * the frame, because the face's depth is then small against its distance.
   */
  public static Camera forImage(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, was " + width + " x " + height);
    }
    return new Camera(width, width / 2.0, height / 2.0);
  }

  /** Projects camera-frame points (z > 0 in front of the camera) to pixels {u0, v0, u1, v1, ...}. */
  public double[] project(double[][] cameraPoints) {
    double[] uv = new double[2 * cameraPoints.length];
    for (int i = 0; i < cameraPoints.length; i++) {
      double[] p = cameraPoints[i];
      uv[2 * i] = focal * p[0] / p[2] + cx;
      uv[2 * i + 1] = focal * p[1] / p[2] + cy;
    }
    return uv;
  }
}

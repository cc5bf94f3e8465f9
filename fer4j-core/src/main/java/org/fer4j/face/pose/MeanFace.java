package org.fer4j.face.pose;

/**
 * The 3D mean face that head pose is solved against: 16 rigid points of the iBUG 68-point layout
 * (nose bridge and base, the four eye corners, the mouth corners and the chin) with coordinates
 * from MediaPipe's canonical face model.
 *
 * <p>Source: {@code mediapipe/modules/face_geometry/data/canonical_face_model.obj} in
 * google-ai-edge/mediapipe (Apache License 2.0), a generic face mesh in centimetres with +x to the
 * viewer's right, +y up and +z out of the face toward the viewer. The table keeps each point's
 * vertex number (0-based, MediaPipe's landmark index) so the numbers can be checked against it.
 * Which vertex stands for which iBUG point is fer4j's choice by anatomy: the eye corners, mouth
 * corners and chin are the obvious ones; for the nose, iBUG 27-30 run from the bridge between the
 * eyes down to the lowest point of the tip (vertices 6, 197, 5, 1) and 31-35 along the nose's base.
 *
 * <p>The iBUG points of the eyelids, lips, brows and jaw line are left out on purpose: they move with
 * blinks and expressions, and the jaw points follow the visible contour, which is a different
 * 3D curve at every yaw.
 */
public final class MeanFace {
  /** iBUG 68-point indices of the model points, in the row order of {@link #points()}. */
  static final int[] IBUG = {27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 39, 42, 45, 48, 54, 8};

  /** MediaPipe vertex number of each row, for checking against the source. */
  static final int[] MEDIAPIPE_VERTEX = {6, 197, 5, 1, 75, 97, 2, 326, 305, 33, 133, 362, 263, 61, 291, 152};

  // x, y, z in centimetres exactly as in canonical_face_model.obj (+y up, +z toward the viewer).
  private static final double[][] CANONICAL = {
    {0.000000, 2.473255, 5.788627}, // 27 nose bridge between the eyes
    {0.000000, 1.728369, 6.316750}, // 28
    {0.000000, 0.365669, 7.242870}, // 29
    {0.000000, -1.126865, 7.475604}, // 30 nose tip
    {-1.043625, -1.464973, 5.662455}, // 31 alar base, image left
    {-0.597442, -2.013686, 5.866456}, // 32
    {0.000000, -2.089024, 6.058267}, // 33 below the nose tip
    {0.597442, -2.013686, 5.866456}, // 34
    {1.043625, -1.464973, 5.662455}, // 35 alar base, image right
    {-4.445859, 2.663991, 3.173422}, // 36 outer corner of the eye on the image left
    {-1.856432, 2.585245, 3.757904}, // 39 its inner corner
    {1.856432, 2.585245, 3.757904}, // 42 inner corner of the eye on the image right
    {4.445859, 2.663991, 3.173422}, // 45 its outer corner
    {-2.456206, -4.342621, 4.283884}, // 48 mouth corner, image left
    {2.456206, -4.342621, 4.283884}, // 54 mouth corner, image right
    {0.000000, -9.403378, 4.264492}, // 8 chin
  };

  private MeanFace() {}

  /**
   * The model points in the head frame the solver uses: centimetres, origin at their centroid,
   * +x to the viewer's right, +y down and +z into the head (away from a camera that sees the face
   * frontally), so that a frontal face has the identity rotation in camera coordinates.
   */
  public static double[][] points() {
    double[][] p = new double[CANONICAL.length][];
    double[] mean = new double[3];
    for (int i = 0; i < p.length; i++) {
      p[i] = new double[] {CANONICAL[i][0], -CANONICAL[i][1], -CANONICAL[i][2]};
      for (int k = 0; k < 3; k++) {
        mean[k] += p[i][k] / p.length;
      }
    }
    for (double[] q : p) {
      for (int k = 0; k < 3; k++) {
        q[k] -= mean[k];
      }
    }
    return p;
  }

  /** The image points matching {@link #points()}, picked from 68 landmarks {x0, y0, x1, y1, ...}. */
  public static double[] imagePoints(float[] landmarks) {
    if (landmarks == null || landmarks.length != 136) {
      throw new IllegalArgumentException("landmarks must hold 68 (x, y) points, i.e. 136 numbers, was "
          + (landmarks == null ? "null" : landmarks.length));
    }
    double[] uv = new double[2 * IBUG.length];
    for (int i = 0; i < IBUG.length; i++) {
      uv[2 * i] = landmarks[2 * IBUG[i]];
      uv[2 * i + 1] = landmarks[2 * IBUG[i] + 1];
    }
    return uv;
  }

  /** Number of model points. */
  public static int size() {
    return IBUG.length;
  }
}

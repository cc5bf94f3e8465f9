package org.fer4j.face.pose;

/**
 * Head orientation in degrees, defined by what the viewer of the image sees.
 *
 * <ul>
 *   <li>{@code yaw > 0}: the face is turned toward the image's right (the person's own left), so
 *       the nose moves right of the eyes' midpoint.
 *   <li>{@code pitch > 0}: the face looks up (the nose moves up toward the eyes).
 *   <li>{@code roll > 0}: the head is turned clockwise in the image, so the eye on the image's right
 *       is lower than the other.
 * </ul>
 *
 * <p>The rotation from the head frame of {@link MeanFace} to the camera frame (x right, y down, z
 * forward) is {@code Rz(roll) * Ry(-yaw) * Rx(-pitch)}: pitch first, then yaw, then roll, each about
 * the camera's own axes. All zero is a face looking straight into the camera.
 */
public record HeadPose(double yaw, double pitch, double roll) {

  /** The rotation matrix of this pose (row-major 3 x 3). */
  public double[][] rotation() {
    double x = Math.toRadians(-pitch);
    double y = Math.toRadians(-yaw);
    double z = Math.toRadians(roll);
    double[][] rx = {{1, 0, 0}, {0, Math.cos(x), -Math.sin(x)}, {0, Math.sin(x), Math.cos(x)}};
    double[][] ry = {{Math.cos(y), 0, Math.sin(y)}, {0, 1, 0}, {-Math.sin(y), 0, Math.cos(y)}};
    double[][] rz = {{Math.cos(z), -Math.sin(z), 0}, {Math.sin(z), Math.cos(z), 0}, {0, 0, 1}};
    return Rotations.multiply(rz, Rotations.multiply(ry, rx));
  }

  /** The angles of a rotation matrix built as in {@link #rotation()}. */
  public static HeadPose fromRotation(double[][] r) {
    double y = Math.asin(Math.max(-1, Math.min(1, -r[2][0])));
    double x = Math.atan2(r[2][1], r[2][2]);
    double z = Math.atan2(r[1][0], r[0][0]);
    return new HeadPose(-Math.toDegrees(y), -Math.toDegrees(x), Math.toDegrees(z));
  }
}

package org.fer4j.face.pose;

/**
 * How open the eyes and the mouth are, as image-plane ratios of the 68 iBUG landmarks. Each ratio
 * divides a vertical gap by a horizontal width of the same feature, so it does not depend on the
 * face's size or on roll; a strong yaw or pitch shrinks one of the two and changes it.
 *
 * <p>Left and right are the person's own: the left eye is iBUG points 42-47, which appear on the
 * image's right.
 *
 * @param mouth inner-lip gap over mouth width: the mean distance of the three inner-lip pairs
 *     61-67, 62-66, 63-65 over the distance between the mouth corners 48-54. 0 for closed lips,
 *     about 0.1-0.2 for parted lips and 0.3 or more for a wide-open mouth (surprise, a yawn)
 * @param leftEye eye aspect ratio of the left eye (Soukupova and Cech, "Real-Time Eye Blink
 *     Detection using Facial Landmarks", Computer Vision Winter Workshop 2016): the two eyelid
 *     distances 43-47 and 44-46 over twice the eye's width 42-45; about 0.25-0.35 for an open eye,
 *     below about 0.2 for a closed one
 * @param rightEye the same for the right eye: (37-41 + 38-40) / (2 * 36-39)
 */
public record FaceOpenness(double mouth, double leftEye, double rightEye) {

  /** The three ratios of 68 landmarks {x0, y0, x1, y1, ...} in image pixels. */
  public static FaceOpenness of(float[] landmarks) {
    if (landmarks == null || landmarks.length != 136) {
      throw new IllegalArgumentException("landmarks must hold 68 (x, y) points, i.e. 136 numbers, was "
          + (landmarks == null ? "null" : landmarks.length));
    }
    double lips = (distance(landmarks, 61, 67) + distance(landmarks, 62, 66) + distance(landmarks, 63, 65)) / 3;
    double mouth = lips / distance(landmarks, 48, 54);
    return new FaceOpenness(mouth, eyeAspectRatio(landmarks, 42), eyeAspectRatio(landmarks, 36));
  }

  // Points first..first+5 go round the eye from the outer (or inner) corner along the upper lid.
  private static double eyeAspectRatio(float[] p, int first) {
    double lids = distance(p, first + 1, first + 5) + distance(p, first + 2, first + 4);
    return lids / (2 * distance(p, first, first + 3));
  }

  private static double distance(float[] p, int a, int b) {
    return Math.hypot(p[2 * a] - p[2 * b], p[2 * a + 1] - p[2 * b + 1]);
  }
}

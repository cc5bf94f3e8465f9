package org.fer4j.predict;

import java.util.List;

/**
 * What the predictor found in one image, or why it could not look.
 *
 * @param source file path or other origin
 * @param width image width, 0 when the image could not be read
 * @param height image height, 0 when the image could not be read
 * @param faces faces found, best detector score first
 * @param error null on success, else the reason (unreadable file, ...)
 */
public record ImageResult(String source, int width, int height, List<FaceResult> faces, String error) {
  public ImageResult {
    faces = List.copyOf(faces);
  }

  /** A record for an image that failed, with the reason. */
  public static ImageResult failed(String source, String error) {
    return new ImageResult(source, 0, 0, List.of(), error);
  }

  public boolean ok() {
    return error == null;
  }
}

package org.fer4j.predict.video;

import java.util.List;

/**
 * What the video pipeline found in one analysed frame.
 *
 * @param source the video file
 * @param frame the frame's index in the source stream
 * @param seconds its presentation time
 * @param width frame width in pixels (0 when it could not be decoded)
 * @param height frame height in pixels
 * @param faces the faces with their track ids, best detector score first
 * @param error null, or why the frame could not be decoded or analysed
 */
public record FrameResult(
    String source, long frame, double seconds, int width, int height, List<TrackedFace> faces, String error) {
  public FrameResult {
    faces = List.copyOf(faces);
  }

  public boolean ok() {
    return error == null;
  }
}

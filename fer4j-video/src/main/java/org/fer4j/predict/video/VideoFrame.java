package org.fer4j.predict.video;

import java.awt.image.BufferedImage;

/**
 * One decoded frame in display order.
 *
 * @param index the frame's position in the source stream (0-based, counting every decoded frame,
 *     also the ones a lower sampling rate skipped)
 * @param seconds presentation time from the start of the stream
 * @param image the pixels (an own copy, TYPE_3BYTE_BGR), null when the frame could not be decoded
 * @param error why the frame could not be decoded, null when it could
 */
public record VideoFrame(long index, double seconds, BufferedImage image, String error) {
  public boolean ok() {
    return error == null;
  }
}

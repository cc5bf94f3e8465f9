package org.fer4j.predict.video;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.fer4j.FerException;
import org.fer4j.face.ImageDecoder;
import org.fer4j.face.RgbImage;

/**
 * JPEG decoding with FFmpeg's SIMD decoder (the FFmpeg natives this module already ships for
 * video), registered for {@link RgbImage#read}: 36 instead of 92 CPU ms per face-api sample photo
 * (2.7 megapixels, float conversion included). Pixels differ from ImageIO's by 0.6-1.0 levels on
 * average on those photos (up to ~30 at sharp colour edges: chroma upsampling), as any two JPEG
 * decoders do; the faces found are face-api's (tested).
 *
 * <p>FFmpeg gives the pixels as stored; {@link RgbImage#read} then applies the file's EXIF
 * orientation, as for every decoder, so a phone photo stored sideways comes out upright (tested).
 *
 * <p>One decoding thread per file: parallelism comes from decoding several files at once
 * ({@link org.fer4j.face.ImageDecoders#readAll}), so a one-thread run stays on one core.
 */
public final class FfmpegJpegDecoder implements ImageDecoder {
  @Override
  public String name() {
    return "ffmpeg";
  }

  @Override
  public boolean accepts(byte[] header) {
    // JPEG start-of-image marker followed by another marker
    return header.length >= 3
        && (header[0] & 0xFF) == 0xFF
        && (header[1] & 0xFF) == 0xD8
        && (header[2] & 0xFF) == 0xFF;
  }

  @Override
  public RgbImage decode(Path file) {
    // A broken file falls back to ImageIO, which words the error: FFmpeg's own would be noise.
    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
      grabber.setFormat("jpeg_pipe"); // no probing: accepts() saw the JPEG marker
      grabber.setPixelFormat(avutil.AV_PIX_FMT_RGB24);
      grabber.setVideoOption("threads", "1");
      grabber.start();
      Frame frame = grabber.grabImage();
      if (frame == null || frame.image == null) {
        throw FerException.badInput("image " + file + ": FFmpeg found no picture in it");
      }
      RgbImage out = toRgb(frame);
      grabber.stop();
      return out;
    } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
      throw FerException.badInput("image " + file + " cannot be decoded by FFmpeg: " + e.getMessage());
    }
  }

  private static RgbImage toRgb(Frame frame) {
    int w = frame.imageWidth;
    int h = frame.imageHeight;
    int stride = frame.imageStride;
    ByteBuffer src = (ByteBuffer) frame.image[0];
    byte[] row = new byte[w * 3];
    float[] data = new float[w * h * 3];
    for (int y = 0; y < h; y++) {
      src.get(y * stride, row);
      int o = y * w * 3;
      for (int i = 0; i < row.length; i++) {
        data[o + i] = row[i] & 0xFF;
      }
    }
    return new RgbImage(w, h, data);
  }
}

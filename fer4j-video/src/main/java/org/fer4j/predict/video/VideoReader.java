package org.fer4j.predict.video;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.fer4j.FerException;

/**
 * Decodes a video file with FFmpeg (through <a href="https://github.com/bytedeco/javacv">JavaCV</a>'s
 * {@code FFmpegFrameGrabber}) into frames in display order, at the source rate or a lower sampling
 * rate. Frames stream: only the current frame is in memory, so an hour of video costs no more
 * than a second of it.
 *
 * <p>A frame the decoder rejects becomes a {@link VideoFrame} with an error and decoding goes on;
 * after {@value #MAX_CONSECUTIVE_ERRORS} failures in a row the stream is treated as ended (a
 * truncated file), and {@link #errors()} counts them.
 */
public final class VideoReader implements Iterator<VideoFrame>, AutoCloseable {
  static final int MAX_CONSECUTIVE_ERRORS = 25;

  private final Path file;
  private final FFmpegFrameGrabber grabber;
  private final Java2DFrameConverter converter = new Java2DFrameConverter();
  private final double sampleFps;
  private long decoded;
  private long nextSampleMicros;
  private int errorsInRow;
  private int errors;
  private VideoFrame next;
  private boolean ended;

  /**
   * Opens a video.
   *
   * @param file any container/codec FFmpeg reads (mp4, mkv, avi, webm, ...)
   * @param sampleFps frames per second to keep, or 0 for every frame; a frame is kept when its
   *     timestamp reaches the next multiple of 1/sampleFps
   * @throws FerException naming the file when it is missing or not a video
   */
  public VideoReader(Path file, double sampleFps) {
    if (sampleFps < 0 || Double.isNaN(sampleFps)) {
      throw FerException.badInput("sample rate must be >= 0 frames/s (0 = every frame), was " + sampleFps);
    }
    if (!Files.isRegularFile(file)) {
      throw FerException.notFound("video not found: " + file);
    }
    this.file = file;
    this.sampleFps = sampleFps;
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    grabber = new FFmpegFrameGrabber(file.toFile());
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      closeQuietly();
      throw FerException.badInput("cannot open video " + file + ": " + e.getMessage()
          + " (is it a video file FFmpeg can read?)");
    }
    if (grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
      closeQuietly();
      throw FerException.badInput("no video stream in " + file);
    }
  }

  /** The stream's frame rate as the container states it. */
  public double frameRate() {
    return grabber.getFrameRate();
  }

  /** Frame count the container states (an estimate for some formats; 0 when unknown). */
  public long statedFrames() {
    return Math.max(0, grabber.getLengthInVideoFrames());
  }

  public int width() {
    return grabber.getImageWidth();
  }

  public int height() {
    return grabber.getImageHeight();
  }

  /** Frames that could not be decoded so far. */
  public int errors() {
    return errors;
  }

  @Override
  public boolean hasNext() {
    while (next == null && !ended) {
      next = decodeNext();
    }
    return next != null;
  }

  @Override
  public VideoFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more frames in " + file);
    }
    VideoFrame out = next;
    next = null;
    return out;
  }

  // One grab: a kept frame, a skipped frame (null) or the end (ended = true, null).
  private VideoFrame decodeNext() {
    long index = decoded;
    Frame frame;
    try {
      frame = grabber.grabImage();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      decoded++;
      errors++;
      if (++errorsInRow >= MAX_CONSECUTIVE_ERRORS) {
        ended = true;
      }
      return new VideoFrame(index, Double.NaN, null, "cannot decode frame " + index + ": " + e.getMessage());
    }
    if (frame == null) {
      ended = true;
      return null;
    }
    errorsInRow = 0;
    decoded++;
    long micros = frame.timestamp - Math.max(0, grabber.getFormatContext().start_time());
    if (sampleFps > 0) {
      if (micros < nextSampleMicros) {
        return null;
      }
      long step = Math.round(1e6 / sampleFps);
      nextSampleMicros = (micros / step + 1) * step;
    }
    return new VideoFrame(index, micros / 1e6, copy(converter.convert(frame)), null);
  }

  // The converter reuses one BufferedImage for every frame; the caller may keep frames.
  private static BufferedImage copy(BufferedImage src) {
    BufferedImage dst = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics g = dst.getGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return dst;
  }

  private void closeQuietly() {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException ignored) {
      // Closing after a failed start: the open error is the one to report.
    }
  }

  @Override
  public void close() {
    closeQuietly();
    converter.close();
  }
}

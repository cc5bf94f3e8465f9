package org.fer4j.predict.video;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.fer4j.data.FaceBox;

/**
 * Writes {@code --annotate out.mp4}: each analysed frame with the faces' boxes, track ids and top
 * expressions, encoded as MPEG-4 Part 2 (in every FFmpeg build, no GPL codec needed). Frames that
 * could not be decoded are left out. One colour per track id.
 */
public final class VideoAnnotator implements AutoCloseable {
  private static final Color[] PALETTE = {
    new Color(230, 25, 75), new Color(60, 180, 75), new Color(255, 225, 25), new Color(0, 130, 200),
    new Color(245, 130, 48), new Color(145, 30, 180), new Color(70, 240, 240), new Color(240, 50, 230)
  };

  private final Path file;
  private final double fps;
  private final Java2DFrameConverter converter = new Java2DFrameConverter();
  private FFmpegFrameRecorder recorder;
  private long written;

  /**
   * @param file output video (the container follows the extension: mp4, mkv, avi)
   * @param fps frame rate of the output: the source rate, or the sampling rate when sampling
   */
  public VideoAnnotator(Path file, double fps) {
    this.file = file;
    this.fps = fps > 0 ? fps : 25;
  }

  /** Draws the frame's faces and appends it; the first frame fixes the output size. */
  public void write(FrameResult result, BufferedImage frame) throws IOException {
    if (frame == null) {
      return;
    }
    BufferedImage img = new BufferedImage(frame.getWidth() & ~1, frame.getHeight() & ~1, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.drawImage(frame, 0, 0, null);
    float scale = Math.max(1f, Math.min(img.getWidth(), img.getHeight()) / 400f);
    g.setStroke(new BasicStroke(2 * scale));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(12 * scale)));
    for (TrackedFace f : result.faces()) {
      FaceBox b = f.face().box();
      g.setColor(f.track() > 0 ? PALETTE[(f.track() - 1) % PALETTE.length] : Color.LIGHT_GRAY);
      g.drawRect(Math.round(b.x()), Math.round(b.y()), Math.round(b.width()), Math.round(b.height()));
      String label = String.format(Locale.ROOT, "#%s %s %.2f", f.track() > 0 ? f.track() : "?",
          f.face().topExpression(), f.face().expressions().getOrDefault(f.face().topExpression(), 0f));
      g.drawString(label, Math.round(b.x()), Math.max(g.getFontMetrics().getAscent(), Math.round(b.y()) - 3));
    }
    g.dispose();
    try {
      if (recorder == null) {
        start(img.getWidth(), img.getHeight());
      }
      recorder.record(converter.convert(img));
      written++;
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot write annotated video " + file + ": " + e.getMessage(), e);
    }
  }

  private void start(int width, int height) throws FrameRecorder.Exception {
    recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
    recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
    recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    recorder.setFrameRate(fps);
    recorder.setVideoQuality(3);
    recorder.start();
  }

  /** Frames written so far. */
  public long written() {
    return written;
  }

  @Override
  public void close() throws IOException {
    try {
      if (recorder != null) {
        recorder.close();
      }
    } catch (FrameRecorder.Exception e) {
      throw new IOException("cannot finish annotated video " + file + ": " + e.getMessage(), e);
    } finally {
      converter.close();
    }
  }
}

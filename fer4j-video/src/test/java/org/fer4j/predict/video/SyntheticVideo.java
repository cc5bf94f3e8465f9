package org.fer4j.predict.video;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Test videos: coloured squares ("faces") moving over a grey background, with the frame number
 * written as 16 black/white cells along the top so a decoder's frame order can be read back.
 * Encoded as MPEG-4 Part 2 with B-frames, so display order differs from decode order.
 */
final class SyntheticVideo {
  static final int WIDTH = 160;
  static final int HEIGHT = 120;
  static final int BITS = 16;
  static final int CELL = WIDTH / BITS;
  static final int CODE_ROWS = 10;

  /** A square of a colour that moves linearly and is visible in frames [from, to). */
  record Square(Color color, int size, int x0, int y0, double dx, double dy, int from, int to) {
    boolean visible(int frame) {
      return frame >= from && frame < to;
    }
  }

  private SyntheticVideo() {}

  static void write(Path file, int frames, double fps, List<Square> squares) throws Exception {
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), WIDTH, HEIGHT, 0);
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      rec.setFormat("mp4");
      rec.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(fps);
      rec.setGopSize(12);
      rec.setVideoQuality(2);
      rec.setVideoOption("bf", "2");
      rec.start();
      for (int f = 0; f < frames; f++) {
        rec.record(converter.convert(draw(f, squares)));
      }
      rec.stop();
    }
  }

  static BufferedImage draw(int frame, List<Square> squares) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(128, 128, 128));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    for (int b = 0; b < BITS; b++) {
      g.setColor(((frame >> b) & 1) == 1 ? Color.WHITE : Color.BLACK);
      g.fillRect(b * CELL, 0, CELL, CODE_ROWS);
    }
    for (Square s : squares) {
      if (s.visible(frame)) {
        g.setColor(s.color());
        g.fillRect((int) Math.round(s.x0() + s.dx() * frame), (int) Math.round(s.y0() + s.dy() * frame), s.size(), s.size());
      }
    }
    g.dispose();
    return img;
  }

  /** Reads back the frame number written by {@link #draw}. */
  static int frameNumber(BufferedImage img) {
    int n = 0;
    for (int b = 0; b < BITS; b++) {
      int rgb = img.getRGB(b * CELL + CELL / 2, CODE_ROWS / 2);
      int luma = ((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF);
      if (luma > 3 * 128) {
        n |= 1 << b;
      }
    }
    return n;
  }
}

package org.fer4j.eval;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Sample;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ImageDecoder;

/**
 * Small PNG pictures of samples for the report's grid of mistakes: the face (cropped to its box
 * when the data set gives one; the middle frame of a clip), scaled to fit a square.
 */
public final class Thumbnails {
  /** Edge of a thumbnail in pixels. */
  public static final int SIZE = 112;

  private Thumbnails() {}

  /** The mistakes with a thumbnail of their sample each (looked up by id; unknown ids keep none). */
  public static List<EvaluationReport.Mistake> attach(List<EvaluationReport.Mistake> mistakes, List<Sample> samples) {
    Map<String, Sample> byId = new HashMap<>();
    samples.forEach(s -> byId.putIfAbsent(s.id(), s));
    List<EvaluationReport.Mistake> out = new ArrayList<>(mistakes.size());
    for (EvaluationReport.Mistake m : mistakes) {
      Sample s = byId.get(m.id());
      byte[] png = s == null ? null : pngOrNull(s);
      out.add(new EvaluationReport.Mistake(m.id(), m.truth(), m.predicted(), m.confidence(), png));
    }
    return out;
  }

  /** A thumbnail, or null when the image cannot be read (the grid then shows the caption only). */
  static byte[] pngOrNull(Sample s) {
    try {
      return ReportWriter.png(render(s));
    } catch (FerException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sample's face as an RGB image at most {@link #SIZE} pixels wide and high. */
  public static BufferedImage render(Sample s) {
    ImageRef ref = s.frames().get(s.frames().size() / 2);
    BufferedImage full = toImage(ImageDecoder.decode(ref));
    FaceBox b = s.box();
    if (b != null) {
      int x0 = clamp((int) Math.floor(b.x()), full.getWidth() - 1);
      int y0 = clamp((int) Math.floor(b.y()), full.getHeight() - 1);
      int x1 = clamp((int) Math.ceil(b.x() + b.width()), full.getWidth());
      int y1 = clamp((int) Math.ceil(b.y() + b.height()), full.getHeight());
      if (x1 > x0 && y1 > y0) {
        full = full.getSubimage(x0, y0, x1 - x0, y1 - y0);
      }
    }
    double scale = (double) SIZE / Math.max(full.getWidth(), full.getHeight());
    int w = Math.max(1, (int) Math.round(full.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(full.getHeight() * scale));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(full, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  /** Planar [0,1] floats (gray or RGB) to a packed RGB image. */
  static BufferedImage toImage(FloatImage f) {
    BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_INT_RGB);
    int plane = f.plane();
    float[] d = f.data();
    for (int y = 0; y < f.height(); y++) {
      for (int x = 0; x < f.width(); x++) {
        int i = y * f.width() + x;
        int r = byteOf(d[i]);
        int g = f.channels() >= 3 ? byteOf(d[plane + i]) : r;
        int b = f.channels() >= 3 ? byteOf(d[2 * plane + i]) : r;
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  private static int byteOf(float v) {
    return Math.max(0, Math.min(255, Math.round(v * 255)));
  }
}

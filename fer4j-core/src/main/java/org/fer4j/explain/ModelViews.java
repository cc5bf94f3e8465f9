package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.models.ModelView;
import org.fer4j.models.StagedModel;

/**
 * Draws and writes the model-specific views next to the plain CAM overlays: AGLF's region CAMs
 * ({@link AglfRegionCams}), LNLJ's region weight grid ({@link LnljRegionWeights}), FAER's
 * CC-Attention map ({@link FaerAttentionMap}) and GCSA's strip of frames ({@link GcsaClipCams}).
 */
public final class ModelViews {
  private static final int SIDE = 160;
  private static final int FRAME_SIDE = 96;

  private final Block block;
  private final CamMethod method;
  private final LabelSpace labels;
  private final Colormap colormap;
  private final float alpha;

  public ModelViews(Block block, CamMethod method, LabelSpace labels, Colormap colormap, float alpha) {
    this.block = block;
    this.method = method;
    this.labels = labels;
    this.colormap = colormap;
    this.alpha = alpha;
  }

  /** Which view this model gets, as the model names it; {@code NONE} for plain backbones. */
  public ModelView kind() {
    return block instanceof StagedModel staged ? staged.view() : ModelView.NONE;
  }

  /**
   * Writes {@code NAME_view.png} for each still image (AGLF, LNLJ, FAER).
   *
   * @param classIndex the class to explain, or -1 for the prediction (AGLF; the others show the
   *     prediction)
   * @return the written files, in input order
   */
  public List<Path> writeImages(NDManager manager, List<PreparedImage> images, int classIndex, Path outDir) {
    if (kind() == ModelView.NONE || kind() == ModelView.GCSA_STRIP) {
      throw FerException.badInput("per-image views exist for AGLF, LNLJ and FAER; this model's view is " + kind());
    }
    List<BufferedImage> figures = render(manager, images, classIndex);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      Path target = outDir.resolve(base(images.get(i).source()) + "_view.png");
      ExplainFiles.writePng(figures.get(i), target);
      out.add(target);
    }
    return out;
  }

  /** The per-image figures, in input order (one batch). */
  public List<BufferedImage> render(NDManager manager, List<PreparedImage> images, int classIndex) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray x = batch(scope, images, false);
      int[] classes = new int[images.size()];
      java.util.Arrays.fill(classes, classIndex);
      List<BufferedImage> out = new ArrayList<>();
      switch (kind()) {
        case AGLF_REGIONS -> {
          List<AglfRegionCams.Result> r = new AglfRegionCams(block, method).explain(x, classes);
          for (int i = 0; i < images.size(); i++) {
            out.add(aglfFigure(images.get(i).picture(), r.get(i)));
          }
        }
        case LNLJ_WEIGHTS -> {
          LnljRegionWeights view = new LnljRegionWeights(block);
          List<LnljRegionWeights.Result> r = view.explain(x);
          for (int i = 0; i < images.size(); i++) {
            out.add(lnljFigure(images.get(i).picture(), r.get(i), view.centres(r.get(i).height(), r.get(i).width())));
          }
        }
        case FAER_ATTENTION -> {
          List<FaerAttentionMap.Result> r = new FaerAttentionMap(block).explain(x);
          for (int i = 0; i < images.size(); i++) {
            out.add(faerFigure(images.get(i).picture(), r.get(i)));
          }
        }
        default -> throw FerException.badInput("no per-image view for " + kind());
      }
      return out;
    }
  }

  /**
   * Writes the strip of one clip (GCSA): the frames in order, T of them.
   *
   * @return the written file
   */
  public Path writeClip(NDManager manager, List<PreparedImage> frames, int classIndex, Path target) {
    ExplainFiles.writePng(renderClip(manager, frames, classIndex), target);
    return target;
  }

  /** The strip figure of one clip. */
  public BufferedImage renderClip(NDManager manager, List<PreparedImage> frames, int classIndex) {
    if (kind() != ModelView.GCSA_STRIP) {
      throw FerException.badInput("a strip of frames needs a GCSA model; this model's view is " + kind());
    }
    try (NDManager scope = manager.newSubManager()) {
      GcsaClipCams.Result r = new GcsaClipCams(block, method).explain(batch(scope, frames, true), new int[] {classIndex}).get(0);
      List<Panels.Panel> panels = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      notes.add("layer3 channel attention s' per frame: strongest channel, its value, the mean over channels");
      StringBuilder line = new StringBuilder();
      for (int f = 0; f < r.frames(); f++) {
        float[] att = r.channelAttention()[f];
        int top = AglfRegionCams.argMax(att);
        panels.add(new Panels.Panel(frames.get(f).picture(), r.maps().get(f), "frame " + f, null));
        line.append(String.format(Locale.ROOT, "frame %d: ch %d %.3f (mean %.3f)   ", f, top, att[top], mean(att)));
        if (f % 4 == 3 || f == r.frames() - 1) {
          notes.add(line.toString());
          line = new StringBuilder();
        }
      }
      panels.add(new Panels.Panel(attentionImage(r.channelAttention()), null, "attention: frames x channels", null));
      String title = String.format(Locale.ROOT, "GCSA clip: %s %.1f%%, %s per frame at %s, one scale per clip",
          name(r.classIndex()), 100.0 * r.probability(), method.title(), "layer3");
      return Panels.render(title, panels, Math.min(r.frames() + 1, 8), FRAME_SIDE, notes, colormap, alpha);
    }
  }

  private BufferedImage aglfFigure(BufferedImage picture, AglfRegionCams.Result r) {
    List<Panels.Panel> panels = new ArrayList<>();
    Explanation fused = r.fused();
    panels.add(new Panels.Panel(picture, fused.map(), "fused: " + Overlay.caption(fused, name(fused.classIndex())), null));
    for (int k = 0; k < 4; k++) {
      Explanation e = r.regions().get(k);
      String top = name(e.predictedClass());
      panels.add(new Panels.Panel(picture, e.map(), String.format(Locale.ROOT, "%s: %.0f%% (top %s)",
          AglfRegionCams.REGIONS.get(k), 100.0 * e.probability(), top), null));
    }
    String title = String.format(Locale.ROOT, "AGLF regions: %s of %s per region at regions", method.title(), name(fused.classIndex()));
    return Panels.render(title, panels, 5, SIDE, List.of(), colormap, alpha);
  }

  private BufferedImage lnljFigure(BufferedImage picture, LnljRegionWeights.Result r, List<double[]> centres) {
    float max = 0;
    for (float w : r.weights()) {
      max = Math.max(max, w);
    }
    float[] map = r.map().clone();
    for (int i = 0; i < map.length; i++) {
      map[i] = max > 0 ? map[i] / max : 0;
    }
    List<Panels.Label> labels = new ArrayList<>();
    for (int k = 0; k < centres.size(); k++) {
      labels.add(new Panels.Label(centres.get(k)[0], centres.get(k)[1], String.format(Locale.ROOT, "%.2f", r.weights()[k])));
    }
    String caption = String.format(Locale.ROOT, "%s %.1f%%; colour = weight / max", name(r.predictedClass()), 100.0 * r.probability());
    String title = String.format(Locale.ROOT, "LNLJ region weights (%dx%d, sum 1)", r.grid(), r.grid());
    return Panels.render(title, List.of(new Panels.Panel(picture, map, caption, labels)), 1, 2 * SIDE, List.of(), colormap, alpha);
  }

  private BufferedImage faerFigure(BufferedImage picture, FaerAttentionMap.Result r) {
    float lo = Float.POSITIVE_INFINITY;
    float hi = 0;
    for (float v : r.raw()) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    String caption = String.format(Locale.ROOT, "%s %.1f%%; attention %.3f..%.3f per position (colour = value / max)",
        name(r.predictedClass()), 100.0 * r.probability(), lo, hi);
    String title = String.format(Locale.ROOT, "FAER CC-Attention, %dx%d, channel mean", r.rawHeight(), r.rawWidth());
    return Panels.render(title, List.of(new Panels.Panel(picture, r.map(), caption, null)), 1, 2 * SIDE, List.of(), colormap, alpha);
  }

  /**
   * Frames (rows, top to bottom) x channels (columns) coloured from the smallest to the largest
   * value of the clip; square, each frame a band of rows, so it reads at the size of a frame panel.
   */
  private BufferedImage attentionImage(float[][] attention) {
    int t = attention.length;
    int c = attention[0].length;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float[] row : attention) {
      for (float v : row) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    float range = max - min;
    BufferedImage img = new BufferedImage(c, c, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < c; y++) {
      float[] row = attention[Math.min(t - 1, y * t / c)];
      for (int ch = 0; ch < c; ch++) {
        img.setRGB(ch, y, colormap.rgb(range > 0 ? (row[ch] - min) / range : 0));
      }
    }
    return img;
  }

  /** (N, C, H, W) images, or (1, C, T, H, W) with the images as the frames of one clip. */
  private static NDArray batch(NDManager scope, List<PreparedImage> images, boolean clip) {
    int n = images.size();
    int plane = images.get(0).chw().length;
    BufferedImage p = images.get(0).picture();
    int h = p.getHeight();
    int w = p.getWidth();
    int c = plane / (h * w);
    float[] values = new float[n * plane];
    for (int i = 0; i < n; i++) {
      float[] chw = images.get(i).chw();
      if (clip) {
        ModelInput.placeFrame(chw, c, n, i, values, 0);
      } else {
        System.arraycopy(chw, 0, values, i * plane, plane);
      }
    }
    return scope.create(values, clip ? ModelInput.shape(1, c, n, h, w) : ModelInput.shape(n, c, 1, h, w));
  }

  private static double mean(float[] values) {
    double s = 0;
    for (float v : values) {
      s += v;
    }
    return s / values.length;
  }

  private String name(int classIndex) {
    return classIndex < labels.size() ? labels.nameOf(classIndex) : "class_" + classIndex;
  }

  private static String base(Path source) {
    Path f = source.getFileName();
    return (f == null ? source.toString() : f.toString()).replaceFirst("\\.[^.]+$", "");
  }
}

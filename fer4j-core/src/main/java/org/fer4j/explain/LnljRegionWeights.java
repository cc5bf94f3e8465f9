package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.layers.RegionGrid;
import org.fer4j.models.seed.Lnlj;
import org.fer4j.models.seed.LnljFusion;

/**
 * LNLJ's own view: the K softmax region weights its non-local network gives each image ({@link
 * Lnlj}, <a href="https://arxiv.org/abs/2203.14045">arXiv:2203.14045</a>), read from the model's
 * output {@code [fused, z_1..z_K, w, ...]} and drawn as a k x k heat grid over the face. Each pixel
 * gets the mean weight of the region windows that cover it (windows overlap only with the {@code
 * overlap} option), so with a plain 2x2 or 3x3 grid every cell shows its region's weight.
 */
public final class LnljRegionWeights {
  private final Lnlj model;

  /**
   * One image's weights.
   *
   * @param grid regions per side (2 or 3)
   * @param weights the K region weights, row-major, as the model output them (they sum to 1)
   * @param height map height (the input height)
   * @param width map width
   * @param map the weight of each pixel's region(s), row-major
   * @param predictedClass the fused prediction
   * @param probability its softmax probability
   */
  public record Result(int grid, float[] weights, int height, int width, float[] map, int predictedClass, float probability) {
    /** The weight of region (row, col). */
    public float weight(int row, int col) {
      return weights[row * grid + col];
    }
  }

  /** @param lnlj an initialised {@link Lnlj} */
  public LnljRegionWeights(Block lnlj) {
    if (!(lnlj instanceof Lnlj l)) {
      throw FerException.badInput("region weights need an LNLJ model; got " + lnlj.getClass().getSimpleName());
    }
    if (l.fusion() == LnljFusion.NONLOCAL_ONLY) {
      throw FerException.badInput("the lnlj_nonlocal_only ablation has no local regions, so no region weights to show");
    }
    this.model = l;
  }

  /** Runs the model on a batch (N, C, H, W) and reads each image's region weights. */
  public List<Result> explain(NDArray batch) {
    int n = (int) batch.getShape().get(0);
    int height = (int) batch.getShape().get(2);
    int width = (int) batch.getShape().get(3);
    int k = model.regions();
    try (NDManager scope = batch.getManager().newSubManager()) {
      NDArray x = batch.duplicate(); // results of ops live in their input's manager: keep them in scope
      x.attach(scope);
      NDList out = model.forward(new ParameterStore(scope, false), new NDList(x), false);
      float[] weights = out.get(k + 1).toFloatArray();
      float[] probs = out.head().softmax(1).toFloatArray();
      int classes = probs.length / n;
      List<Result> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        float[] w = Arrays.copyOfRange(weights, i * k, (i + 1) * k);
        float[] p = Arrays.copyOfRange(probs, i * classes, (i + 1) * classes);
        int top = AglfRegionCams.argMax(p);
        results.add(new Result(model.grid().grid(), w, height, width, paint(model.grid(), w, height, width), top, p[top]));
      }
      return results;
    }
  }

  /** Each pixel's mean weight over the windows covering it. */
  static float[] paint(RegionGrid grid, float[] weights, int height, int width) {
    int wh = grid.window(height);
    int ww = grid.window(width);
    int[] rows = grid.starts(height);
    int[] cols = grid.starts(width);
    float[] sum = new float[height * width];
    int[] count = new int[height * width];
    for (int r = 0; r < rows.length; r++) {
      for (int c = 0; c < cols.length; c++) {
        float v = weights[r * cols.length + c];
        for (int y = rows[r]; y < rows[r] + wh; y++) {
          for (int x = cols[c]; x < cols[c] + ww; x++) {
            sum[y * width + x] += v;
            count[y * width + x]++;
          }
        }
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] = count[i] == 0 ? 0 : sum[i] / count[i];
    }
    return sum;
  }

  /** The centre of each window in input pixels, {x, y} row-major (where the figure writes the weights). */
  public List<double[]> centres(int height, int width) {
    RegionGrid grid = model.grid();
    int wh = grid.window(height);
    int ww = grid.window(width);
    List<double[]> out = new ArrayList<>();
    for (int r : grid.starts(height)) {
      for (int c : grid.starts(width)) {
        out.add(new double[] {c + ww / 2.0, r + wh / 2.0});
      }
    }
    return out;
  }
}

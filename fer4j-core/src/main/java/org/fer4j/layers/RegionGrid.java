package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;

/**
 * Splits a map {@code (N, C, H, W)} into a k x k grid of equal windows, in row-major order
 * (top-left, top-right, ... for k=2), and stitches non-overlapping windows back. AGLF and MA-Net
 * cut a middle feature map into 2x2 quadrants ({@code zengqunzhao/MA-Net:model/manet.py}); LNLJ
 * uses 2x2 or 3x3 regions (docs/methods.md#lnlj), where 3x3 windows may overlap.
 *
 * <p>A window is {@code ceil(size / k * (1 + overlap))} pixels wide and the k windows are spread
 * evenly from the first to the last pixel ({@code start_i = round(i (size - window) / (k - 1))}),
 * so with overlap 0 and a size divisible by k the grid is an exact tiling.
 */
public final class RegionGrid {
  private final int grid;
  private final double overlap;

  private RegionGrid(Builder b) {
    grid = b.grid;
    overlap = b.overlap;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Regions per side. */
  public int grid() {
    return grid;
  }

  /** Number of regions, {@code k * k}. */
  public int count() {
    return grid * grid;
  }

  /** Window length along an axis of length {@code size}. */
  public int window(long size) {
    int w = (int) Math.ceil(size / (double) grid * (1 + overlap) - 1e-9);
    if (w < 1 || w > size) {
      throw FerException.badInput(
          "a "
              + grid
              + "x"
              + grid
              + " region grid with overlap "
              + overlap
              + " does not fit an axis of "
              + size
              + " pixels");
    }
    return w;
  }

  /** Window starts along an axis of length {@code size}. */
  public int[] starts(long size) {
    int w = window(size);
    int[] s = new int[grid];
    for (int i = 0; i < grid; i++) {
      s[i] = grid == 1 ? 0 : (int) Math.round(i * (size - w) / (double) (grid - 1));
    }
    return s;
  }

  /** The k*k windows of {@code x}, row-major; each {@code (N, C, window_h, window_w)}. */
  public NDList split(NDArray x) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    int wh = window(h);
    int ww = window(w);
    int[] rows = starts(h);
    int[] cols = starts(w);
    List<NDArray> out = new ArrayList<>();
    for (int r : rows) {
      for (int c : cols) {
        out.add(x.get(":, :, " + r + ":" + (r + wh) + ", " + c + ":" + (c + ww)));
      }
    }
    return new NDList(out);
  }

  /** True when the windows tile an {@code h x w} map exactly (no overlap, no gaps). */
  public boolean tiles(long h, long w) {
    return h % grid == 0 && w % grid == 0 && window(h) * grid == h && window(w) * grid == w;
  }

  /**
   * Stitches k*k row-major windows back into one map; only for exact tilings.
   *
   * @throws FerException if the number of regions is not k*k
   */
  public NDArray merge(NDList regions) {
    if (regions.size() != count()) {
      throw FerException.badInput(
          "merge needs "
              + count()
              + " regions for a "
              + grid
              + "x"
              + grid
              + " grid, got "
              + regions.size());
    }
    if (overlap > 0) {
      throw FerException.badInput("overlapping regions cannot be stitched; use overlap 0 to merge");
    }
    List<NDArray> rowMaps = new ArrayList<>();
    for (int r = 0; r < grid; r++) {
      rowMaps.add(NDArrays.concat(new NDList(regions.subNDList(r * grid, (r + 1) * grid)), 3));
    }
    return NDArrays.concat(new NDList(rowMaps), 2);
  }

  /** Builder: {@code setGrid} required; overlap (fraction of a window, 0 by default) optional. */
  public static final class Builder {
    private int grid;
    private double overlap;

    public Builder setGrid(int grid) {
      this.grid = grid;
      return this;
    }

    /** Extra window length as a fraction of {@code size / k}, e.g. 0.25; 0 means no overlap. */
    public Builder optOverlap(double overlap) {
      this.overlap = overlap;
      return this;
    }

    public RegionGrid build() {
      if (grid < 1) {
        throw FerException.badInput("region grid must be >= 1 per side, was " + grid);
      }
      if (overlap < 0 || overlap >= 1) {
        throw FerException.badInput("region overlap must be in [0, 1), was " + overlap);
      }
      return new RegionGrid(this);
    }
  }
}

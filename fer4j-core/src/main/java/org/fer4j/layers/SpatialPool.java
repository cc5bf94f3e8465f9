package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Global pooling over the two spatial axes of {@code (N, C, H, W)} maps. The PyTorch engine's
 * {@code mean}/{@code max} take one axis at a time, so the map is flattened to {@code (N, C, H*W)}
 * and reduced along the last axis.
 */
public final class SpatialPool {
  private SpatialPool() {}

  /** Mean over H and W: {@code (N, C)}, or {@code (N, C, 1, 1)} when {@code keep}. */
  public static NDArray mean(NDArray x, boolean keep) {
    return shape(flat(x).mean(new int[] {2}), x, keep);
  }

  /** Max over H and W: {@code (N, C)}, or {@code (N, C, 1, 1)} when {@code keep}. */
  public static NDArray max(NDArray x, boolean keep) {
    return shape(flat(x).max(new int[] {2}), x, keep);
  }

  /** Sum over H and W: {@code (N, C)}, or {@code (N, C, 1, 1)} when {@code keep}. */
  public static NDArray sum(NDArray x, boolean keep) {
    return shape(flat(x).sum(new int[] {2}), x, keep);
  }

  private static NDArray flat(NDArray x) {
    Shape s = x.getShape();
    return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
  }

  private static NDArray shape(NDArray pooled, NDArray x, boolean keep) {
    return keep ? pooled.reshape(x.getShape().get(0), x.getShape().get(1), 1, 1) : pooled;
  }
}

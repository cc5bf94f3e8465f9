package org.fer4j.train;

import ai.djl.ndarray.types.Shape;

/**
 * One batch as the data loader prepared it in Java memory: pixels in one float array and labels,
 * handed to the engine in one copy per batch (no per-pixel JNI calls).
 *
 * @param pixels N*C*H*W (or N*T*C*H*W) floats, row-major
 * @param shape the shape of {@code pixels}
 * @param labels hard labels, one per sample (-1 where a sample has only a soft target)
 * @param targets soft labels or attribute vectors, N*targetWidth floats, or null
 * @param targetWidth width of one target row (0 when targets is null)
 * @param release called once the batch is on the engine (returns a pooled buffer), may be null
 */
public record HostBatch(
    float[] pixels, Shape shape, int[] labels, float[] targets, int targetWidth, Runnable release) {
  public HostBatch {
    // The buffer may be a pooled one larger than this batch: only the first shape.size() count.
    if (pixels.length < shape.size()) {
      throw new IllegalArgumentException(
          "batch has " + pixels.length + " values but shape " + shape + " needs " + shape.size());
    }
    if (labels.length != shape.get(0)) {
      throw new IllegalArgumentException(labels.length + " labels for a batch of " + shape.get(0));
    }
  }

  /** A batch that owns its arrays (nothing to release). */
  public HostBatch(float[] pixels, Shape shape, int[] labels, float[] targets, int targetWidth) {
    this(pixels, shape, labels, targets, targetWidth, null);
  }

  public int size() {
    return labels.length;
  }
}

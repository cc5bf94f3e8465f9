package org.fer4j.data.loader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One batch as plain Java arrays: pixels (N,C,H,W) or (N,T,C,H,W) in one float array, labels, and
 * soft targets when the samples have them. {@link #toNDList} hands the pixels to the engine in a
 * single {@code manager.create(FloatBuffer, Shape)} copy. Closing returns the pixel buffer to the
 * loader's pool, which keeps memory flat over an epoch.
 */
public final class Batch implements AutoCloseable {
  private final float[] data;
  private final long[] itemShape;
  private final int size;
  private final int[] labels;
  private final float[] targets;
  private final int targetWidth;
  private final String[] ids;
  private final Consumer<float[]> recycler;
  private boolean closed;

  Batch(float[] data, long[] itemShape, int size, int[] labels, float[] targets, int targetWidth,
      String[] ids, Consumer<float[]> recycler) {
    this.data = data;
    this.itemShape = itemShape.clone();
    this.size = size;
    this.labels = labels;
    this.targets = targets;
    this.targetWidth = targetWidth;
    this.ids = ids;
    this.recycler = recycler;
  }

  /** Samples in this batch (smaller than the batch size for the last batch or after skips). */
  public int size() {
    return size;
  }

  /** Shape of the pixel tensor: (N, C, H, W) or (N, T, C, H, W). */
  public Shape shape() {
    long[] dims = new long[itemShape.length + 1];
    dims[0] = size;
    System.arraycopy(itemShape, 0, dims, 1, itemShape.length);
    return new Shape(dims);
  }

  /** Values per sample. */
  public int itemLength() {
    long n = 1;
    for (long d : itemShape) {
      n *= d;
    }
    return (int) n;
  }

  /** The pixel buffer; only the first {@code size() * itemLength()} values belong to this batch. */
  public float[] data() {
    checkOpen();
    return data;
  }

  /** Hard labels of the samples (-1 where a sample has none). */
  public int[] labels() {
    return Arrays.copyOf(labels, size);
  }

  /** Soft targets (N x K), or null when no sample has one. */
  public float[] targets() {
    return targets == null ? null : Arrays.copyOf(targets, size * targetWidth);
  }

  /** Sample ids in batch order. */
  public String[] ids() {
    return Arrays.copyOf(ids, size);
  }

  /** The pixels as one NDArray in {@code manager} (one copy). */
  public NDArray pixels(NDManager manager) {
    checkOpen();
    return manager.create(FloatBuffer.wrap(data, 0, size * itemLength()), shape());
  }

  /**
   * Pixels, int64 labels and (when present) float targets as an NDList in {@code manager}; use a
   * per-batch sub-manager and close it after the step.
   */
  public NDList toNDList(NDManager manager) {
    NDList list = new NDList(pixels(manager));
    long[] l = new long[size];
    for (int i = 0; i < size; i++) {
      l[i] = labels[i];
    }
    list.add(manager.create(l));
    if (targets != null) {
      list.add(manager.create(FloatBuffer.wrap(targets, 0, size * targetWidth), new Shape(size, targetWidth)));
    }
    return list;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("batch already closed; its buffer was recycled");
    }
  }

  /** Gives the pixel buffer back to the loader; the batch must not be used afterwards. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      recycler.accept(data);
    }
  }
}

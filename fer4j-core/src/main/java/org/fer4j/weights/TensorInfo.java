package org.fer4j.weights;

import java.util.Arrays;

/**
 * One tensor entry of a safetensors header.
 *
 * @param name tensor name (a key of the header)
 * @param dtype element type
 * @param shape dimensions, outermost first (C order); empty for a scalar
 * @param begin first byte, relative to the start of the data section
 * @param end one past the last byte, relative to the start of the data section
 */
public record TensorInfo(String name, StDtype dtype, long[] shape, long begin, long end) {

  public TensorInfo {
    shape = shape.clone();
  }

  /** Number of elements (1 for a scalar). */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** Size of the data in bytes. */
  public long byteLength() {
    return end - begin;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** The shape the way PyTorch prints it, e.g. {@code (64, 3, 7, 7)}. */
  public String shapeText() {
    return shapeText(shape);
  }

  /** Formats any shape the way PyTorch prints it. */
  public static String shapeText(long[] dims) {
    String inner = Arrays.toString(dims);
    return "(" + inner.substring(1, inner.length() - 1) + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t
        && name.equals(t.name)
        && dtype == t.dtype
        && Arrays.equals(shape, t.shape)
        && begin == t.begin
        && end == t.end;
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + shapeText() + " [" + begin + ", " + end + ")";
  }
}

package org.fer4j.face;

/**
 * Where a tfjs bilinear resize ({@code resizeBilinear(alignCorners=false, halfPixelCenters=false)},
 * tfjs-backend-cpu {@code ResizeBilinear.ts}) samples along one axis: for output index {@code i},
 * source position {@code src = scale * i}, the two neighbours {@code floor(src)} and {@code
 * min(extent - 1, ceil(src))} and the weight {@code src - floor(src)} of the second. Computed once
 * per output row and column, so the resize loop does no rounding or index arithmetic per pixel.
 *
 * <p>The axis may be longer than the image ({@code extent > size}: zero padding to a square) with
 * the image starting at {@code offset}; a neighbour in the padding is {@code -1} and reads zero,
 * as the padded image would.
 *
 * @param lo per output index, the first neighbour times the stride (an array offset), or -1
 * @param hi the second neighbour, likewise
 * @param weight the second neighbour's weight
 */
record BilinearTaps(int[] lo, int[] hi, double[] weight) {

  /**
   * @param outSize output samples along the axis
   * @param extent the axis' length in the (possibly padded) source
   * @param offset where the image starts along the padded axis
   * @param size the image's own length along the axis
   * @param stride array elements per step along the axis (3 for columns, a row's length for rows)
   */
  static BilinearTaps of(int outSize, int extent, int offset, int size, int stride) {
    double scale = (double) extent / outSize;
    int[] lo = new int[outSize];
    int[] hi = new int[outSize];
    double[] weight = new double[outSize];
    for (int i = 0; i < outSize; i++) {
      double src = scale * i;
      double floor = Math.floor(src);
      lo[i] = inImage((int) floor - offset, size, stride);
      hi[i] = inImage(Math.min(extent - 1, (int) Math.ceil(src)) - offset, size, stride);
      weight[i] = src - floor;
    }
    return new BilinearTaps(lo, hi, weight);
  }

  private static int inImage(int index, int size, int stride) {
    return index < 0 || index >= size ? -1 : index * stride;
  }

  int size() {
    return lo.length;
  }
}

package org.fer4j.explain;

/**
 * One image's class activation map, copied out of native memory so it outlives the NDManager of the
 * batch it came from.
 *
 * @param method how the map was computed
 * @param layer the stage whose activations and gradients were used
 * @param classIndex the class the map explains
 * @param probability softmax probability of {@code classIndex}
 * @param predictedClass the model's top class (equal to {@code classIndex} unless one was chosen)
 * @param height height of {@code map} (the model input height)
 * @param width width of {@code map} (the model input width)
 * @param map the map bilinearly upsampled to the input size and min-max normalised to [0,1],
 *     row-major; all zeros when the raw map is constant
 * @param rawHeight height of the stage output
 * @param rawWidth width of the stage output
 * @param raw the map at the stage's resolution before upsampling and normalisation (ReLU of the
 *     weighted channel sum), row-major
 */
public record Explanation(
    CamMethod method,
    String layer,
    int classIndex,
    float probability,
    int predictedClass,
    int height,
    int width,
    float[] map,
    int rawHeight,
    int rawWidth,
    float[] raw) {

  public Explanation {
    if (map.length != height * width || raw.length != rawHeight * rawWidth) {
      throw new IllegalArgumentException(
          "map sizes do not match: " + map.length + " for " + height + "x" + width + ", "
              + raw.length + " for " + rawHeight + "x" + rawWidth);
    }
  }

  /** The normalised map value at row {@code y}, column {@code x}. */
  public float at(int y, int x) {
    return map[y * width + x];
  }

  /** The raw (low-resolution) map value at row {@code y}, column {@code x}. */
  public float rawAt(int y, int x) {
    return raw[y * rawWidth + x];
  }

  /**
   * The share of the normalised map's total mass inside a rectangle (rows {@code y0..y1-1}, columns
   * {@code x0..x1-1}); 0 when the map is all zeros.
   */
  public double massIn(int y0, int x0, int y1, int x1) {
    double inside = 0;
    double total = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double v = map[y * width + x];
        total += v;
        if (y >= y0 && y < y1 && x >= x0 && x < x1) {
          inside += v;
        }
      }
    }
    return total == 0 ? 0 : inside / total;
  }
}

package org.fer4j.data;

/** An axis-aligned face box in pixels of the original image. */
public record FaceBox(float x, float y, float width, float height) {
  public FaceBox {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("face box needs a positive size: " + width + "x" + height);
    }
  }
}

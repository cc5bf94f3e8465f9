package org.fer4j.explain;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;

/**
 * The batch operations shared by every CAM method: the weighted channel sum, bilinear upsampling
 * and per-image min-max normalisation. Results live in the manager of the first argument.
 */
public final class CamMaps {
  private CamMaps() {}

  /**
   * {@code ReLU(sum_k w[n,k] * A[n,k,i,j])}: the class activation map of every image (Selvaraju et
   * al., eq. 2, arXiv:1610.02391).
   *
   * @param activations (N, K, h, w) stage output
   * @param weights (N, K) channel weights
   * @return (N, h, w)
   */
  public static NDArray weightedSum(NDArray activations, NDArray weights) {
    Shape s = weights.getShape();
    NDArray w = weights.reshape(s.get(0), s.get(1), 1, 1);
    return activations.mul(w).sum(new int[] {1}).maximum(0f);
  }

  /**
   * Bilinear upsampling with PyTorch's {@code F.interpolate(mode="bilinear", align_corners=False)}
   * semantics (half-pixel centres, edges clamped), as torchvision and the Grad-CAM reference code
   * resize maps.
   *
   * @param maps (N, h, w)
   * @return (N, height, width)
   */
  public static NDArray upsample(NDArray maps, int height, int width) {
    Shape s = maps.getShape();
    NDArray four = maps.reshape(s.get(0), 1, s.get(1), s.get(2));
    NDArray up =
        four.getNDArrayInternal()
            .interpolation(new long[] {height, width}, Image.Interpolation.BILINEAR.ordinal(), false);
    return up.reshape(s.get(0), height, width);
  }

  /**
   * Scales every image's map to [0,1] by its own minimum and maximum; a constant map becomes all
   * zeros (it carries no location, and dividing by a zero range would give NaN).
   *
   * @param maps (N, h, w)
   * @return (N, h, w)
   */
  public static NDArray normalise(NDArray maps) {
    Shape s = maps.getShape();
    NDArray flat = maps.reshape(s.get(0), -1);
    NDArray min = flat.min(new int[] {1}, true);
    NDArray range = flat.max(new int[] {1}, true).sub(min);
    NDArray safe = NDArrays.where(range.gt(0f), range, range.onesLike());
    return flat.sub(min).div(safe).reshape(s);
  }
}

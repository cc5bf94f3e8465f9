package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Grad-CAM: the weight of channel k is the spatial mean of the class score's gradient, {@code
 * w_k = (1/Z) sum_ij dS/dA_kij}, and the map is {@code ReLU(sum_k w_k A_k)}.
 *
 * @see <a href="https://arxiv.org/abs/1610.02391">Selvaraju et al., Grad-CAM: Visual Explanations
 *     from Deep Networks via Gradient-based Localization, ICCV 2017 (eq. 1-2)</a>
 */
public final class GradCam extends GradientCam {

  /**
   * @param block an initialised model implementing {@link org.fer4j.models.StagedModel}
   * @param layer the stage to explain, or null for the model's CAM layer
   */
  public GradCam(Block block, String layer) {
    super(block, layer);
  }

  @Override
  public CamMethod method() {
    return CamMethod.GRAD_CAM;
  }

  @Override
  protected NDArray channelWeights(NDArray activations, NDArray gradients) {
    Shape s = gradients.getShape();
    // One axis at a time: PtNDArray.mean(int[]) reduces a single axis (as in SpatialPool).
    return gradients.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});
  }
}

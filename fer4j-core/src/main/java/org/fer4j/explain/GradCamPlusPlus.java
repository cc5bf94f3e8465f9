package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Grad-CAM++: pixel-wise weights of the positive gradients. With the exponential of the class score
 * as the output (the paper's closed form), the second- and third-order derivatives become powers of
 * the first-order gradient {@code g = dS/dA}:
 *
 * <pre>
 *   alpha_kij = g_kij^2 / (2 g_kij^2 + (sum_ab A_kab) g_kij^3)
 *   w_k       = sum_ij alpha_kij * ReLU(g_kij)
 *   map       = ReLU(sum_k w_k A_k)
 * </pre>
 *
 * A zero denominator (only where {@code g = 0}, so the numerator is zero too) is replaced by 1, as
 * the authors' code does ({@code adityac94/Grad_CAM_plus_plus}, {@code misc/utils.py}), giving
 * {@code alpha = 0} there. The authors' extra renormalisation of the alphas is not applied: it is
 * not in the paper's equations and {@code pytorch-grad-cam} leaves it out too.
 *
 * @see <a href="https://arxiv.org/abs/1710.11063">Chattopadhyay et al., Grad-CAM++: Improved Visual
 *     Explanations for Deep Convolutional Networks, WACV 2018 (eq. 19)</a>
 */
public final class GradCamPlusPlus extends GradientCam {

  /**
   * @param block an initialised model implementing {@link org.fer4j.models.StagedModel}
   * @param layer the stage to explain, or null for the model's CAM layer
   */
  public GradCamPlusPlus(Block block, String layer) {
    super(block, layer);
  }

  @Override
  public CamMethod method() {
    return CamMethod.GRAD_CAM_PLUS_PLUS;
  }

  @Override
  protected NDArray channelWeights(NDArray activations, NDArray gradients) {
    Shape s = gradients.getShape();
    NDArray g = gradients.reshape(s.get(0), s.get(1), -1);
    NDArray a = activations.reshape(s.get(0), s.get(1), -1);
    NDArray g2 = g.mul(g);
    NDArray g3 = g2.mul(g);
    NDArray sumA = a.sum(new int[] {2}, true);
    NDArray denominator = g2.mul(2f).add(sumA.mul(g3));
    NDArray safe = NDArrays.where(denominator.eq(0f), denominator.onesLike(), denominator);
    NDArray alpha = g2.div(safe);
    return alpha.mul(g.maximum(0f)).sum(new int[] {2});
  }
}

package org.fer4j.models.faceres;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.TorchLayers;

/**
 * Re-expresses every BatchNorm of a {@link FaceResMobileNet} with the statistics of one batch
 * without changing what the network computes in eval mode, so that training-mode BatchNorm (which
 * normalises with batch statistics) starts from the pretrained function.
 *
 * <p>Eval-mode BatchNorm is an affine map {@code a*c + b} with {@code a = gamma / sqrt(var + eps)}
 * and {@code b = beta - a*mean}. Given the batch's per-channel mean {@code m} and (biased) variance
 * {@code v} of the convolution output {@code c}, setting {@code mean = m}, {@code var = v}, {@code
 * gamma = a*sqrt(v + eps)} and {@code beta = a*m + b} keeps the eval map identical and makes the
 * training-mode output on that batch equal to it too. This is data-dependent initialisation in the
 * spirit of Salimans and Kingma's weight normalisation (<a
 * href="https://arxiv.org/abs/1602.07868">arXiv:1602.07868</a>, section 2.2); here it restores
 * what folding batch norm into the weights threw away.
 *
 * <p>Runs with PyTorch's gradient recording off (parameters are updated in place), then restores
 * it, so it is safe inside a gradient collector.
 */
final class BatchNormCalibration {
  private BatchNormCalibration() {}

  static void run(FaceResMobileNet net, ParameterStore ps, NDArray input) {
    boolean pytorch = "PyTorch".equals(input.getManager().getEngine().getEngineName());
    boolean recording = pytorch && ai.djl.pytorch.jni.JniUtils.isGradMode();
    if (recording) {
      ai.djl.pytorch.jni.JniUtils.setGradMode(false);
    }
    try (var scope = input.getManager().newSubManager()) {
      NDArray h = input.stopGradient();
      h.attach(scope);
      for (FaceResMobileNet.Unit unit : net.units()) {
        NDArray c = BlockCalls.forward(unit.conv(), ps, FaceResMobileNet.pad(unit, h), false);
        c.attach(scope);
        calibrate(unit.bn().getParameters().toMap(), c, scope);
        h = Activation.relu6(BlockCalls.forward(unit.bn(), ps, c, false));
        h.attach(scope);
      }
    } finally {
      if (recording) {
        ai.djl.pytorch.jni.JniUtils.setGradMode(true);
      }
    }
  }

  private static void calibrate(Map<String, Parameter> bn, NDArray c, NDManager scope) {
    Parameter gamma = bn.get("gamma");
    Parameter beta = bn.get("beta");
    Parameter mean = bn.get("runningMean");
    Parameter var = bn.get("runningVar");
    float eps = TorchLayers.BATCH_NORM_EPS;
    NDArray a = local(gamma, scope).div(local(var, scope).add(eps).sqrt());
    NDArray b = local(beta, scope).sub(a.mul(local(mean, scope)));
    NDArray m = c.mean(new int[] {3}).mean(new int[] {2}).mean(new int[] {0});
    NDArray centred = c.sub(m.reshape(1, -1, 1, 1));
    NDArray v = centred.mul(centred).mean(new int[] {3}).mean(new int[] {2}).mean(new int[] {0});
    gamma.getArray().set(new NDIndex("..."), a.mul(v.add(eps).sqrt()));
    beta.getArray().set(new NDIndex("..."), a.mul(m).add(b));
    mean.getArray().set(new NDIndex("..."), m);
    var.getArray().set(new NDIndex("..."), v);
  }

  /** A copy of a parameter's values owned by {@code scope}, so derived arrays die with it. */
  private static NDArray local(Parameter p, NDManager scope) {
    NDArray copy = p.getArray().duplicate();
    copy.attach(scope);
    return copy;
  }
}

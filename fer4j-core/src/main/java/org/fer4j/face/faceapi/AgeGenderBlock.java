package org.fer4j.face.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * face-api's age and gender net: a tiny Xception (entry flow with two reduction blocks, two
 * middle blocks, exit flow to 512 channels at 7x7), global average pool, and two dense heads
 * (age regression, 2-way gender logits).
 *
 * <p>Follows {@code src/xception/TinyXception.ts} and {@code src/ageGenderNet/AgeGenderNet.ts}
 * of <a href="https://github.com/vladmandic/face-api">vladmandic/face-api</a> 1.7.15 (MIT).
 *
 * <p>Input: RGB in 0..255, NCHW {@code [N,3,112,112]}. Output: age {@code [N]}, gender logits
 * {@code [N,2]} (index 0 male, 1 female; softmax them).
 */
public final class AgeGenderBlock extends TfjsBlock {
  private static final int MAIN_BLOCKS = 2;

  public AgeGenderBlock() {
    declareConv("entry_flow/conv_in");
    declareReduction("entry_flow/reduction_block_0");
    declareReduction("entry_flow/reduction_block_1");
    for (int i = 0; i < MAIN_BLOCKS; i++) {
      for (int c = 0; c <= 2; c++) {
        declareSeparable("middle_flow/main_block_" + i + "/separable_conv" + c);
      }
    }
    declareReduction("exit_flow/reduction_block");
    declareSeparable("exit_flow/separable_conv");
    declareDense("fc/age");
    declareDense("fc/gender");
  }

  private void declareReduction(String prefix) {
    declareSeparable(prefix + "/separable_conv0");
    declareSeparable(prefix + "/separable_conv1");
    declareConv(prefix + "/expansion_conv");
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = FaceFeatureBlock.normalise(inputs.singletonOrThrow());
    x = relu(conv(x, "entry_flow/conv_in", 2));
    x = reduction(x, "entry_flow/reduction_block_0", false);
    x = reduction(x, "entry_flow/reduction_block_1", true);
    for (int i = 0; i < MAIN_BLOCKS; i++) {
      String prefix = "middle_flow/main_block_" + i;
      NDArray out = separable(relu(x), prefix + "/separable_conv0", 1);
      out = separable(relu(out), prefix + "/separable_conv1", 1);
      out = separable(relu(out), prefix + "/separable_conv2", 1);
      x = out.add(x);
    }
    x = reduction(x, "exit_flow/reduction_block", true);
    x = relu(separable(x, "exit_flow/separable_conv", 1));
    NDArray pooled = TfOps.globalAverage(x);
    NDArray age = dense(pooled, "fc/age").reshape(-1);
    NDArray gender = dense(pooled, "fc/gender");
    return new NDList(age, gender);
  }

  private NDArray reduction(NDArray x, String prefix, boolean activateInput) {
    NDArray out = activateInput ? relu(x) : x;
    out = separable(out, prefix + "/separable_conv0", 1);
    out = separable(relu(out), prefix + "/separable_conv1", 1);
    out = TfOps.maxPoolSame(out, 3, 2);
    return out.add(conv(x, prefix + "/expansion_conv", 2));
  }

  private static NDArray relu(NDArray x) {
    return TfOps.relu(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long n = inputShapes[0].get(0);
    return new Shape[] {new Shape(n), new Shape(n, 2)};
  }
}

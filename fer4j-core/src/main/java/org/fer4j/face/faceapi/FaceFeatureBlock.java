package org.fer4j.face.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.fer4j.models.StagedModel;

/**
 * face-api's 112x112 face feature extractor (four densely connected blocks of separable
 * convolutions, global average pool to 256 features) with a fully connected head: the 68-point
 * landmark net (136 outputs) and the expression net (7 outputs) share this architecture with
 * their own weights.
 *
 * <p>Follows {@code src/faceFeatureExtractor/FaceFeatureExtractor.ts}, {@code denseBlock.ts}
 * ({@code denseBlock4}) and {@code src/faceProcessor/FaceProcessor.ts} of
 * <a href="https://github.com/vladmandic/face-api">vladmandic/face-api</a> 1.7.15 (MIT).
 *
 * <p>Input: RGB in 0..255, NCHW {@code [N,3,112,112]}. Output: raw {@code [N, outputs]}
 * (landmarks relative to the input square; expression logits before the softmax).
 *
 * <p>As a {@link StagedModel} (for Grad-CAM of the expression net) the stages are the four dense
 * blocks {@code dense0..dense3} (stage 0 also normalises the input; 56, 28, 14 and 7 px at 112) and
 * the head is the global average pool and the fully connected layer.
 */
public final class FaceFeatureBlock extends TfjsBlock implements StagedModel {
  private static final List<String> STAGES = List.of("dense0", "dense1", "dense2", "dense3");

  /** Per-channel means of the face nets ({@code FaceFeatureExtractor.ts}). */
  static final float[] MEAN_RGB = {122.782f, 117.001f, 104.298f};

  /** Side of the square input. */
  public static final int INPUT_SIZE = 112;

  private final int outputs;

  /**
   * @param outputs 136 for {@code face_landmark_68_model}, 7 for {@code face_expression_model}
   */
  public FaceFeatureBlock(int outputs) {
    this.outputs = outputs;
    declareConv("dense0/conv0");
    for (int c = 1; c <= 3; c++) {
      declareSeparable("dense0/conv" + c);
    }
    for (int b = 1; b <= 3; b++) {
      for (int c = 0; c <= 3; c++) {
        declareSeparable("dense" + b + "/conv" + c);
      }
    }
    declareDense("fc");
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = normalise(inputs.singletonOrThrow());
    for (int b = 0; b <= 3; b++) {
      x = denseBlock(x, "dense" + b, b == 0);
    }
    NDArray features = TfOps.globalAverage(x);
    return new NDList(dense(features, "fc"));
  }

  @Override
  public List<String> stageNames() {
    return STAGES;
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    return denseBlock(stage == 0 ? normalise(x) : x, STAGES.get(stage), stage == 0);
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray last, boolean training) {
    return new NDList(dense(TfOps.globalAverage(last), "fc"));
  }

  @Override
  public String camLayer() {
    return "dense3";
  }

  static NDArray normalise(NDArray x) {
    NDArray mean = x.getManager().create(MEAN_RGB, new Shape(1, 3, 1, 1));
    return x.sub(mean).div(255f);
  }

  // denseBlock4: each separable convolution sees the ReLU of the sum of all earlier outputs.
  private NDArray denseBlock(NDArray x, String prefix, boolean first) {
    NDArray out1 =
        first ? conv(x, prefix + "/conv0", 2) : separable(x, prefix + "/conv0", 2);
    out1 = TfOps.relu(out1);
    NDArray out2 = separable(out1, prefix + "/conv1", 1);
    NDArray sum = out1.add(out2);
    NDArray out3 = separable(TfOps.relu(sum), prefix + "/conv2", 1);
    sum = sum.add(out3);
    NDArray out4 = separable(TfOps.relu(sum), prefix + "/conv3", 1);
    return TfOps.relu(sum.add(out4));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), outputs)};
  }

  /** Number of head outputs. */
  /** The per-channel means face-api subtracts from 0-255 RGB pixels before dividing by 255. */
  public static float[] meanRgb() {
    return MEAN_RGB.clone();
  }

  public int outputs() {
    return outputs;
  }
}

package org.fer4j.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.data.LabelSpace;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;

/**
 * A registered model built at a small input size with randomised normalisation statistics and
 * layer scales (fresh ones are identities or near-zero, which would hide a wrong BatchNorm or
 * layer-scale conversion), exported, and run by DJL and by ONNX Runtime on the same input.
 */
public final class ExportFixture {
  /** Small enough for CI, large enough for every backbone's down-sampling. */
  static final int SIZE = 64;

  /** The classes every fixture model is built for (the backbones' default is ImageNet's 1000). */
  static final LabelSpace LABELS = LabelSpace.EXPRESSION_7;

  private ExportFixture() {}

  /** Builds {@code name} for the seven basic expressions at {@link #SIZE} px, in {@code manager}. */
  public static Block build(String name, NDManager manager, long seed) {
    ModelSpec spec = ModelRegistry.get(name);
    PreprocessConfig p = preprocess(name);
    Map<String, String> options = new java.util.HashMap<>();
    if (p.frames() > 1) { // clip models are built for their frame count and size
      options.put("frames", Integer.toString(p.frames()));
      options.put("size", Integer.toString(p.width()));
    }
    Block block = spec.build(new ModelOptions(LABELS.size(), options));
    block.initialize(manager, DataType.FLOAT32, OnnxExporter.inputShape(p));
    randomiseStatistics(block, new Random(seed));
    return block;
  }

  /** Frames of a clip model's test clips (16 in the registry; 4 keep CI fast). */
  static final int CLIP_FRAMES = 4;

  /** The spec's preprocessing at {@link #SIZE} px ({@link #CLIP_FRAMES} frames for clips). */
  public static PreprocessConfig preprocess(String name) {
    PreprocessConfig p = ModelRegistry.get(name).preprocess();
    int frames = p.frames() > 1 ? CLIP_FRAMES : 1;
    return new PreprocessConfig(SIZE, SIZE, p.channels(), p.mean(), p.std(), frames);
  }

  static ExportInfo info(String name) {
    return new ExportInfo(
        name, preprocess(name), LABELS, Map.of("weights", "random"));
  }

  /** A seeded N(0, 1) input of {@code batch} images (or clips). */
  static float[] randomInput(Shape shape, long seed) {
    Random random = new Random(seed);
    float[] values = new float[(int) shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }

  /** DJL's inference outputs for {@code input}, each flat. */
  static List<float[]> runDjl(Block block, float[] input, Shape shape) {
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray x = scope.create(input, shape);
      NDList out = block.forward(new ParameterStore(scope, false), new NDList(x), false);
      return out.stream().map(NDArray::toFloatArray).toList();
    }
  }

  /** ONNX Runtime's outputs for {@code input} in graph order, each flat, on one thread. */
  static List<float[]> runOrt(byte[] model, float[] input, Shape shape) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(model, options);
          OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape.getShape());
          OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT_NAME, x))) {
        List<float[]> outputs = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
          FloatBuffer buffer = ((OnnxTensor) result.get(i)).getFloatBuffer();
          float[] values = new float[buffer.remaining()];
          buffer.get(values);
          outputs.add(values);
        }
        return outputs;
      }
    }
  }

  /** max |a - b| / max |a|: the parity measure of the issue (relative to the largest output). */
  static double relativeMaxError(float[] expected, float[] actual) {
    if (expected.length != actual.length) {
      throw new AssertionError(expected.length + " values expected, got " + actual.length);
    }
    double maxAbs = 0;
    double maxDiff = 0;
    for (int i = 0; i < expected.length; i++) {
      maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
      maxDiff = Math.max(maxDiff, Math.abs(expected[i] - actual[i]));
    }
    return maxDiff / Math.max(maxAbs, 1e-12);
  }

  private static void randomiseStatistics(Block block, Random random) {
    for (Parameter p : block.getDirectParameters().values()) {
      float[] range =
          switch (p.getName()) {
            case "runningVar", "gamma" -> new float[] {0.5f, 1.5f};
            case "runningMean", "beta" -> new float[] {-0.3f, 0.3f};
            case "layer_scale" -> new float[] {0.1f, 0.5f};
            default -> null;
          };
      if (range != null) {
        float[] values = new float[(int) p.getArray().getShape().size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = range[0] + (range[1] - range[0]) * random.nextFloat();
        }
        p.getArray().set(values);
      }
    }
    block.getChildren().values().forEach(child -> randomiseStatistics(child, random));
  }
}

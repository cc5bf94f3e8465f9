package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.function.UnaryOperator;

/**
 * A parameter-free operation with an explicit output-shape rule. DJL's {@code LambdaBlock} infers
 * shapes by running the function on arrays of ones; fer4j computes shapes often (initialisation,
 * {@link MacCounter}), so the rule is given instead. These stand where PyTorch has modules without
 * parameters ({@code nn.ReLU}, {@code Permute}, {@code nn.AdaptiveAvgPool2d}), keeping the {@code
 * nn.Sequential} indices of the following members.
 */
public final class Lambda extends AbstractBlock {
  private final String name;
  private final UnaryOperator<NDArray> op;
  private final UnaryOperator<Shape> shapeRule;
  private final int[] arguments;

  private Lambda(
      String name, UnaryOperator<NDArray> op, UnaryOperator<Shape> shapeRule, int... arguments) {
    this.name = name;
    this.op = op;
    this.shapeRule = shapeRule;
    this.arguments = arguments.clone();
  }

  /** An operation with the given output-shape rule. */
  public static Lambda of(String name, UnaryOperator<NDArray> op, UnaryOperator<Shape> shapeRule) {
    return new Lambda(name, op, shapeRule);
  }

  /**
   * The operation's name ({@code ReLU}, {@code Permute}, {@code MaxPool2d}...): what the ONNX
   * exporter dispatches on, since the function itself is opaque.
   */
  public String kind() {
    return name;
  }

  /**
   * The integer settings the operation was made with: the axes of {@code Permute}, kernel, stride
   * and padding of {@code MaxPool2d}; empty for the others.
   */
  public int[] arguments() {
    return arguments.clone();
  }

  /** An operation whose output has the shape of its input. */
  public static Lambda elementwise(String name, UnaryOperator<NDArray> op) {
    return new Lambda(name, op, UnaryOperator.identity());
  }

  /** {@code nn.ReLU}. */
  public static Lambda relu() {
    return elementwise("ReLU", Activation::relu);
  }

  /** {@code nn.GELU()}: the exact erf form (PyTorch's default), not the tanh approximation. */
  public static Lambda gelu() {
    return elementwise("GELU", Activation::gelu);
  }

  /** torchvision's {@code Permute(dims)}: reorders the axes. */
  public static Lambda permute(int... dims) {
    return new Lambda(
        "Permute",
        x -> x.transpose(dims),
        s -> {
          long[] out = new long[dims.length];
          for (int i = 0; i < dims.length; i++) {
            out[i] = s.get(dims[i]);
          }
          return new Shape(out);
        },
        dims);
  }

  /** {@code nn.MaxPool2d(kernel, stride, padding)} with square windows and floor rounding. */
  public static Lambda maxPool2d(int kernel, int stride, int padding) {
    Shape k = new Shape(kernel, kernel);
    Shape s = new Shape(stride, stride);
    Shape p = new Shape(padding, padding);
    return new Lambda(
        "MaxPool2d",
        x -> Pool.maxPool2d(x, k, s, p, false),
        in ->
            new Shape(
                in.get(0),
                in.get(1),
                (in.get(2) + 2L * padding - kernel) / stride + 1,
                (in.get(3) + 2L * padding - kernel) / stride + 1),
        kernel,
        stride,
        padding);
  }

  /** {@code nn.AdaptiveAvgPool2d((1, 1))}: (N, C, H, W) to (N, C, 1, 1). */
  public static Lambda adaptiveAvgPool1x1() {
    return of(
        "AdaptiveAvgPool2d",
        x -> Pool.globalAvgPool2d(x).reshape(x.getShape().get(0), x.getShape().get(1), 1, 1),
        in -> new Shape(in.get(0), in.get(1), 1, 1));
  }

  /** {@code nn.Flatten(1)}: keeps the batch axis and flattens the rest. */
  public static Lambda flatten() {
    return of(
        "Flatten",
        x -> x.reshape(x.getShape().get(0), -1),
        in -> new Shape(in.get(0), in.size() / in.get(0)));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(op.apply(inputs.head()));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {shapeRule.apply(inputShapes[0])};
  }

  @Override
  public String toString() {
    return name + "()";
  }
}

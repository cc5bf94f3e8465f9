package org.fer4j.face.human;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.fer4j.FerException;
import org.fer4j.face.faceapi.TfOps;
import org.fer4j.face.human.TfjsGraph.Node;

/**
 * The TensorFlow ops {@link TfjsGraphBlock} runs, with TF's semantics on NCHW arrays: TF
 * {@code SAME} padding through {@link TfOps} (padding split with the smaller half first), NHWC
 * reduction axes mapped to NCHW, and the grappler-fused ops tfjs-converter writes
 * ({@code _FusedConv2D}, {@code _FusedMatMul}: BiasAdd then an optional activation, see
 * tfjs-converter {@code src/operations/executors/convolution_executor.ts} and
 * {@code matrices_executor.ts}).
 */
final class GraphOps {
  /** Ops with a single element-wise TF broadcast of two operands. */
  private static final Set<String> BINARY =
      Set.of("Add", "AddV2", "BiasAdd", "Sub", "Mul", "RealDiv", "Minimum", "Maximum");

  private static final Set<String> KNOWN =
      Set.of("Identity", "Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "MaxPool", "AvgPool",
          "Relu", "Relu6", "Sigmoid", "Mean", "Softmax", "MatMul", "_FusedMatMul");

  /** Fused activations the converter may append after BiasAdd. */
  private static final Set<String> FUSED_ACTIVATIONS = Set.of("Relu", "Relu6");

  /** NHWC axis -> NCHW axis. */
  private static final int[] NHWC_TO_NCHW = {0, 2, 3, 1};

  private GraphOps() {}

  /** Fails, naming the op, node and file, when {@link #apply} cannot run {@code node}. */
  static void check(TfjsGraph graph, Node node) {
    String op = node.op();
    if (!KNOWN.contains(op) && !BINARY.contains(op)) {
      throw unsupported(graph, node, "op '" + op + "' is not supported by fer4j's TF.js graph interpreter"
          + " (supported: " + String.join(", ", new java.util.TreeSet<>(union())) + ")");
    }
    if (!node.string("data_format", "NHWC").equals("NHWC")) {
      throw unsupported(graph, node, "data_format " + node.string("data_format", "") + " (only NHWC)");
    }
    for (int d : node.ints("dilations")) {
      if (d != 1) {
        throw unsupported(graph, node, "dilations " + Arrays.toString(node.ints("dilations")));
      }
    }
    int[] strides = node.ints("strides");
    if (strides.length == 4 && strides[1] != strides[2]) {
      throw unsupported(graph, node, "unequal strides " + Arrays.toString(strides));
    }
    List<String> fused = node.strings("fused_ops");
    if (!fused.isEmpty()
        && (!fused.get(0).equals("BiasAdd") || fused.size() > 2
            || (fused.size() == 2 && !FUSED_ACTIVATIONS.contains(fused.get(1))))) {
      throw unsupported(graph, node, "fused_ops " + fused + " (supported: BiasAdd, then Relu or Relu6)");
    }
    if (op.endsWith("MatMul") && (node.bool("transpose_a") || node.bool("transpose_b"))) {
      throw unsupported(graph, node, "a transposed MatMul");
    }
    if (op.equals("AvgPool") && !node.string("padding", "").equals("VALID")) {
      throw unsupported(graph, node, "AvgPool with padding " + node.string("padding", ""));
    }
  }

  private static Set<String> union() {
    java.util.Set<String> all = new java.util.HashSet<>(KNOWN);
    all.addAll(BINARY);
    return all;
  }

  private static FerException unsupported(TfjsGraph graph, Node node, String what) {
    return FerException.badInput(graph.file() + ": node '" + node.name() + "' (" + node.op() + "): " + what);
  }

  /** Runs one node on its evaluated inputs. */
  static NDArray apply(Node node, NDArray[] in) {
    String op = node.op();
    if (BINARY.contains(op)) {
      return binary(op, in[0], in[1]);
    }
    return switch (op) {
      case "Identity" -> in[0];
      case "Conv2D", "_FusedConv2D" -> fused(node, conv(node, in[0], in[1], 1), in);
      case "DepthwiseConv2dNative" -> conv(node, in[0], in[1], (int) in[0].getShape().get(1));
      case "MaxPool", "AvgPool" -> pool(node, in[0]);
      case "Relu" -> Activation.relu(in[0]);
      case "Relu6" -> Activation.relu6(in[0]);
      case "Sigmoid" -> Activation.sigmoid(in[0]);
      case "Mean" -> mean(node, in[0], in[1]);
      case "Softmax" -> in[0].softmax(in[0].getShape().dimension() == 4 ? 1 : -1);
      case "MatMul", "_FusedMatMul" -> fused(node, Linear.linear(in[0], in[1]).singletonOrThrow(), in);
      default -> throw new IllegalStateException("unchecked op " + op + " at " + node.name());
    };
  }

  // BiasAdd (the third input) and the optional activation of the converter's fused ops.
  private static NDArray fused(Node node, NDArray x, NDArray[] in) {
    List<String> ops = node.strings("fused_ops");
    NDArray out = ops.isEmpty() ? x : binary("BiasAdd", x, in[2]);
    if (ops.size() == 2) {
      out = ops.get(1).equals("Relu") ? Activation.relu(out) : Activation.relu6(out);
    }
    return out;
  }

  private static NDArray conv(Node node, NDArray x, NDArray weight, int groups) {
    int stride = node.ints("strides")[1];
    if (node.string("padding", "VALID").equals("SAME")) {
      return TfOps.convSame(x, weight, null, stride, groups);
    }
    return Conv2d.conv2d(x, weight, null, new Shape(stride, stride), new Shape(0, 0), new Shape(1, 1), groups)
        .singletonOrThrow();
  }

  private static NDArray pool(Node node, NDArray x) {
    int[] k = node.ints("ksize");
    int stride = node.ints("strides")[1];
    Shape kernel = new Shape(k[1], k[2]);
    if (node.op().equals("AvgPool")) {
      return Pool.avgPool2d(x, kernel, new Shape(stride, stride), new Shape(0, 0), false, true);
    }
    if (node.string("padding", "VALID").equals("SAME")) {
      if (k[1] != k[2]) {
        throw FerException.badInput("node '" + node.name() + "': SAME MaxPool with a non-square kernel");
      }
      return TfOps.maxPoolSame(x, k[1], stride);
    }
    return Pool.maxPool2d(x, kernel, new Shape(stride, stride), new Shape(0, 0), false);
  }

  private static NDArray mean(Node node, NDArray x, NDArray axesArray) {
    int[] axes = axesArray.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
    int rank = x.getShape().dimension();
    for (int i = 0; i < axes.length; i++) {
      int a = axes[i] < 0 ? axes[i] + rank : axes[i];
      axes[i] = rank == 4 ? NHWC_TO_NCHW[a] : a;
    }
    // DJL's PyTorch mean takes one axis at a time; reducing the highest axis first keeps the
    // lower ones' indices valid.
    int[] sorted = Arrays.stream(axes).sorted().toArray();
    NDArray out = x;
    for (int i = sorted.length - 1; i >= 0; i--) {
      out = out.mean(new int[] {sorted[i]}, node.bool("keep_dims"));
    }
    return out;
  }

  // TF broadcasts a vector along the last (channel) axis; on NCHW that axis is 1. The operand of
  // higher rank (the activation, never a weight) goes first so the result joins its manager.
  private static NDArray binary(String op, NDArray a, NDArray b) {
    NDArray x = channelVector(a, b);
    NDArray y = channelVector(b, a);
    boolean swap = y.getShape().dimension() > x.getShape().dimension();
    NDArray first = swap ? y : x;
    NDArray second = swap ? x : y;
    return switch (op) {
      case "Add", "AddV2", "BiasAdd" -> first.add(second);
      case "Mul" -> first.mul(second);
      case "Minimum" -> first.minimum(second);
      case "Maximum" -> first.maximum(second);
      case "Sub" -> swap ? y.getNDArrayInternal().rsub(x) : x.sub(y);
      case "RealDiv" -> swap ? y.getNDArrayInternal().rdiv(x) : x.div(y);
      default -> throw new IllegalStateException(op);
    };
  }

  /** {@code v} reshaped to {@code [1,C,1,1]} when it is a channel vector and {@code other} is rank 4. */
  private static NDArray channelVector(NDArray v, NDArray other) {
    Shape s = v.getShape();
    if (other.getShape().dimension() == 4 && s.dimension() == 1 && s.get(0) > 1) {
      return v.reshape(1, s.get(0), 1, 1);
    }
    if (other.getShape().dimension() == 4 && s.dimension() > 1 && s.dimension() < 4) {
      throw FerException.badInput(
          "cannot broadcast a rank-" + s.dimension() + " constant " + s + " onto an NCHW activation");
    }
    return v;
  }
}

package org.fer4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fer4j.onnx.OnnxProto.Attribute;
import org.fer4j.onnx.OnnxProto.Node;
import org.fer4j.onnx.OnnxProto.Tensor;
import org.fer4j.onnx.OnnxProto.ValueInfo;

/**
 * Builds a {@link OnnxProto.Graph} node by node. Every value gets a unique name derived from the
 * block path that produced it ({@code layer1.0.conv1}), so a graph viewer shows where each node
 * came from and initializers carry torchvision's parameter names.
 */
public final class OnnxGraph {
  private final List<Node> nodes = new ArrayList<>();
  private final List<Tensor> initializers = new ArrayList<>();
  private final List<ValueInfo> inputs = new ArrayList<>();
  private final List<ValueInfo> outputs = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final Map<Float, String> scalars = new HashMap<>();

  /** Declares a float graph input; a {@link String} dimension is dynamic (e.g. the batch). */
  public String input(String name, Object... dims) {
    inputs.add(new ValueInfo(claim(name), OnnxProto.FLOAT, List.of(dims)));
    return name;
  }

  /** Exposes {@code value} as the float graph output {@code name} (through an Identity node). */
  public void output(String name, String value, Object... dims) {
    nodes.add(new Node(claim(name), "Identity", List.of(value), List.of(name), List.of()));
    outputs.add(new ValueInfo(name, OnnxProto.FLOAT, List.of(dims)));
  }

  /** Adds a float initializer and returns its (unique) name. */
  public String floats(String name, float[] values, long... dims) {
    Tensor t = Tensor.floats(claim(name), values, dims);
    initializers.add(t);
    return t.name();
  }

  /** Adds an int64 initializer (a shape or axes operand) and returns its (unique) name. */
  public String int64s(String name, long... values) {
    Tensor t = Tensor.int64s(claim(name), values, values.length);
    initializers.add(t);
    return t.name();
  }

  /** A scalar float constant, shared by every node that uses the same value. */
  public String scalar(float value) {
    return scalars.computeIfAbsent(
        value,
        v -> {
          Tensor t = Tensor.floats(claim("const_" + v), new float[] {v});
          initializers.add(t);
          return t.name();
        });
  }

  /**
   * Appends one single-output node and returns the name of its output, which is {@code name} made
   * unique.
   */
  public String node(String name, String opType, List<String> nodeInputs, Attribute... attrs) {
    String out = claim(name);
    nodes.add(new Node(out, opType, nodeInputs, List.of(out), Arrays.asList(attrs)));
    return out;
  }

  /** A node without attributes: {@code op(name, "Add", a, b)}. */
  public String op(String name, String opType, String... nodeInputs) {
    return node(name, opType, List.of(nodeInputs));
  }

  /** Transpose with permutation {@code perm}. */
  public String transpose(String name, String x, long... perm) {
    return node(name, "Transpose", List.of(x), Attribute.ints("perm", perm));
  }

  /** Reshape to a constant {@code shape} (0 copies the input's size, -1 is inferred). */
  public String reshape(String name, String x, long... shape) {
    return node(name, "Reshape", List.of(x, int64s(name + ".shape", shape)));
  }

  /**
   * ReduceMean, ReduceMax... over {@code axes}, which opset 17 takes as an attribute (ReduceSum
   * takes them as an input and is written with {@link #node}).
   */
  public String reduce(String name, String opType, String x, boolean keepDims, long... axes) {
    return node(
        name, opType, List.of(x), Attribute.ints("axes", axes), Attribute.of("keepdims", keepDims ? 1L : 0L));
  }

  /** Appends a node with {@code count} outputs (Split) and returns their names. */
  public List<String> node(
      String name, String opType, List<String> nodeInputs, int count, Attribute... attrs) {
    String nodeName = claim(name);
    List<String> outs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      outs.add(claim(nodeName + "." + i));
    }
    nodes.add(new Node(nodeName, opType, nodeInputs, outs, Arrays.asList(attrs)));
    return outs;
  }

  /** The finished graph. */
  public OnnxProto.Graph build(String graphName) {
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalStateException("an ONNX graph needs at least one input and one output");
    }
    return new OnnxProto.Graph(graphName, nodes, initializers, inputs, outputs);
  }

  /** Number of nodes so far. */
  public int nodeCount() {
    return nodes.size();
  }

  /** The op types of the nodes so far, in order (for tests and summaries). */
  public List<String> opTypes() {
    return nodes.stream().map(Node::opType).toList();
  }

  /** {@code base}, or {@code base_2}, {@code base_3}... when taken. */
  private String claim(String base) {
    String name = base.isEmpty() ? "value" : base;
    for (int i = 2; !names.add(name); i++) {
      name = base + "_" + i;
    }
    return name;
  }
}

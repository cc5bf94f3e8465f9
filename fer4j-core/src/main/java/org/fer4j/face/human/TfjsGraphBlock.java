package org.fer4j.face.human;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fer4j.FerException;
import org.fer4j.face.human.TfjsGraph.Node;
import org.fer4j.weights.TfjsWeights;

/**
 * A DJL block that runs a TF.js graph model: a small interpreter for the GraphDef ops of Human's
 * emotion and faceres networks (see {@link GraphOps} for the op set), with the graph's constants
 * as the block's parameters in PyTorch layouts (HWIO convolutions as OIHW, depthwise kernels as
 * grouped OIHW, dense kernels as {@code [out,in]}; batch norm arrives already folded by the
 * converter into the convolution weights and per-channel Mul/Add constants).
 *
 * <p>Rank-4 activations are NCHW here (TF's are NHWC): the input must be given as NCHW, and axes
 * of reductions are mapped. Inference only: the weights are frozen.
 *
 * <p>Building the block checks every op the requested outputs depend on: an op the interpreter
 * does not know is an error naming the op, the node and the file.
 */
public final class TfjsGraphBlock extends AbstractBlock {
  /** How a constant is laid out for its consumer. */
  enum Layout {
    CONV,
    DEPTHWISE,
    DENSE,
    AS_IS
  }

  private final TfjsGraph graph;
  private final String input;
  private final List<String> outputs;
  private final Map<String, Layout> constants = new LinkedHashMap<>();

  /**
   * @param graph the parsed model
   * @param input the Placeholder node fed with the block's (NCHW) input
   * @param outputs the nodes whose values the block returns, in this order
   */
  public TfjsGraphBlock(TfjsGraph graph, String input, List<String> outputs) {
    super((byte) 1);
    this.graph = graph;
    this.input = input;
    this.outputs = List.copyOf(outputs);
    if (!"Placeholder".equals(graph.node(input).op())) {
      throw FerException.badInput(graph.file() + ": input node '" + input + "' is not a Placeholder");
    }
    for (String name : reachable()) {
      Node node = graph.node(name);
      if ("Const".equals(node.op())) {
        constants.put(name, layoutOf(name));
        addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build());
      } else if (!"Placeholder".equals(node.op())) {
        GraphOps.check(graph, node);
      }
    }
  }

  /** Every node the outputs depend on, inputs before their consumers. */
  private Set<String> reachable() {
    Set<String> seen = new LinkedHashSet<>();
    for (String out : outputs) {
      visit(out, seen, new LinkedHashSet<>());
    }
    return seen;
  }

  private void visit(String name, Set<String> seen, Set<String> path) {
    if (seen.contains(name)) {
      return;
    }
    if (!path.add(name)) {
      throw FerException.badInput(graph.file() + ": node '" + name + "' is part of a cycle");
    }
    for (String in : graph.node(name).inputs()) {
      visit(in, seen, path);
    }
    seen.add(name);
  }

  // A constant's layout follows from the op and input slot that consume it; two consumers that
  // need different layouts would need two copies, which these graphs never do.
  private Layout layoutOf(String name) {
    Layout layout = null;
    for (Map.Entry<Node, Integer> use : graph.consumers(name)) {
      String op = use.getKey().op();
      int slot = use.getValue();
      Layout wanted =
          slot != 1 ? Layout.AS_IS
              : switch (op) {
                case "Conv2D", "_FusedConv2D" -> Layout.CONV;
                case "DepthwiseConv2dNative" -> Layout.DEPTHWISE;
                case "MatMul", "_FusedMatMul" -> Layout.DENSE;
                default -> Layout.AS_IS;
              };
      if (layout != null && layout != wanted) {
        throw FerException.badInput(
            graph.file() + ": constant '" + name + "' is used both as " + layout + " and as " + wanted);
      }
      layout = wanted;
    }
    return layout == null ? Layout.AS_IS : layout;
  }

  /**
   * Loads every constant into arrays owned by {@code manager}, which must outlive the block's
   * use (close it to free the weights).
   */
  public void load(NDManager manager) {
    TfjsWeights w = graph.weights();
    for (Map.Entry<String, Layout> e : constants.entrySet()) {
      String name = e.getKey();
      NDArray array =
          switch (e.getValue()) {
            case CONV -> w.conv2d(manager, name);
            case DEPTHWISE -> depthwise(w, manager, name);
            case DENSE -> w.dense(manager, name);
            case AS_IS -> w.raw(manager, name);
          };
      parameters.get(name).setArray(array);
    }
  }

  // TF [kh,kw,C,M] -> [C,M,kh,kw] -> grouped OIHW [C*M,1,kh,kw]: TF numbers output channel c*M+m.
  private static NDArray depthwise(TfjsWeights w, NDManager manager, String name) {
    NDArray a = w.depthwise(manager, name);
    Shape s = a.getShape();
    return s.get(1) == 1 ? a : a.reshape(s.get(0) * s.get(1), 1, s.get(2), s.get(3));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    Map<String, NDArray> values = new HashMap<>();
    values.put(input, inputs.singletonOrThrow());
    NDList out = new NDList(outputs.size());
    for (String name : outputs) {
      out.add(evaluate(name, values));
    }
    return out;
  }

  private NDArray evaluate(String name, Map<String, NDArray> values) {
    NDArray known = values.get(name);
    if (known != null) {
      return known;
    }
    Node node = graph.node(name);
    NDArray result;
    if ("Const".equals(node.op())) {
      result = parameters.get(name).getArray();
      if (result == null) {
        throw new IllegalStateException("TfjsGraphBlock: weights not loaded; call load(manager) first");
      }
    } else {
      NDArray[] args = new NDArray[node.inputs().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = evaluate(node.inputs().get(i), values);
      }
      result = GraphOps.apply(node, args);
    }
    values.put(name, result);
    return result;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList out = forwardInternal(null, new NDList(manager.zeros(inputShapes[0])), false, null);
      return out.stream().map(NDArray::getShape).toArray(Shape[]::new);
    }
  }

  /** The graph this block runs. */
  public TfjsGraph graph() {
    return graph;
  }
}

package org.fer4j.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fer4j.layers.Lambda;
import org.fer4j.models.ParameterNames;

/**
 * The state of one export: the graph being built and the converter of each block type. Converters
 * call back into {@link #convert} for their children, so the walk follows each block's own
 * forward order.
 *
 * <p>Converters are found by the block's exact class, never by a superclass: a subclass may
 * compute something else, and exporting it as its parent would be a silently wrong graph.
 */
public final class ConversionContext {
  private final OnnxGraph graph;
  private final Map<Class<? extends Block>, BlockConverter> converters;
  private final Shape inputShape;
  private final Set<Parameter> used = Collections.newSetFromMap(new IdentityHashMap<>());

  ConversionContext(
      OnnxGraph graph, Map<Class<? extends Block>, BlockConverter> converters, Shape inputShape) {
    this.graph = graph;
    this.converters = converters;
    this.inputShape = inputShape;
  }

  /**
   * The model input's shape with a batch of 1. Only the batch is dynamic in the graph, so blocks
   * that cut maps at fixed positions (LNLJ's regions) compute those positions from this.
   */
  public Shape inputShape() {
    return inputShape;
  }

  public OnnxGraph graph() {
    return graph;
  }

  /** Converts {@code block} at {@code path} and returns all its outputs. */
  public List<String> convert(Block block, String path, List<String> inputs) {
    BlockConverter converter = converters.get(block.getClass());
    if (converter == null) {
      throw unsupported(block, path, "no converter is registered for this block type");
    }
    return converter.convert(this, block, path, inputs);
  }

  /** Converts a single-input block and returns its first output. */
  public String convert(Block block, String path, String input) {
    return convert(block, path, List.of(input)).get(0);
  }

  /** Converts the child {@code name} of {@code parent} (at {@code path}) on one input. */
  public String convertChild(Block parent, String path, String name, String input) {
    return convert(child(parent, path, name), join(path, name), input);
  }

  /** The child of {@code parent} that PyTorch calls {@code name}; missing is an export error. */
  public Block child(Block parent, String path, String name) {
    return optionalChild(parent, name)
        .orElseThrow(
            () -> unsupported(parent, path, "it has no child '" + name + "' (was it modified?)"));
  }

  /** The child {@code name} of {@code parent}, if it has one. */
  public static Optional<Block> optionalChild(Block parent, String name) {
    int position = 1;
    for (Pair<String, Block> child : parent.getChildren()) {
      // DJL prefixes each child name with its 1-based position, zero-padded to two digits.
      String prefix = String.format(Locale.ROOT, "%02d", position++);
      if (child.getKey().equals(prefix + name)) {
        return Optional.of(child.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Adds the parameter {@code djlName} of {@code block} as an initializer named as in PyTorch's
   * {@code state_dict} ({@code layer1.0.bn1.running_mean}) and returns that name.
   */
  public String parameter(Block block, String path, String djlName) {
    Parameter p = parameterOf(block, path, djlName);
    long[] dims = p.getArray().getShape().getShape();
    return graph.floats(join(path, ParameterNames.torchParameterName(djlName)), values(p, path), dims);
  }

  /** The values of parameter {@code djlName} of {@code block}, row-major. */
  public float[] values(Block block, String path, String djlName) {
    return values(parameterOf(block, path, djlName), path);
  }

  /** The shape of parameter {@code djlName} of {@code block}. */
  public long[] shape(Block block, String path, String djlName) {
    return parameterOf(block, path, djlName).getArray().getShape().getShape();
  }

  /** An export error for {@code block}: its path, its type and why. */
  public static UnsupportedBlockException unsupported(Block block, String path, String why) {
    return new UnsupportedBlockException(path, describe(block), why);
  }

  /** {@code parent.name}, or {@code name} at the root. */
  public static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  private static String describe(Block block) {
    String type = block.getClass().getSimpleName();
    return block instanceof Lambda lambda ? type + " '" + lambda.kind() + "'" : type;
  }

  private Parameter parameterOf(Block block, String path, String djlName) {
    Parameter p = block.getDirectParameters().get(djlName);
    if (p == null) {
      throw unsupported(block, path, "it has no parameter '" + djlName + "'");
    }
    if (!p.isInitialized()) {
      throw unsupported(block, path, "parameter '" + djlName + "' is not initialised");
    }
    return p;
  }

  /** The parameters whose values went into the graph so far. */
  Set<Parameter> usedParameters() {
    return Collections.unmodifiableSet(used);
  }

  private float[] values(Parameter p, String path) {
    used.add(p);
    NDArray array = p.getArray();
    if (array.getDataType() != DataType.FLOAT32) {
      throw new UnsupportedBlockException(
          path, "parameter " + p.getName(), "only float32 weights are exported, found "
              + array.getDataType());
    }
    return array.toFloatArray();
  }
}

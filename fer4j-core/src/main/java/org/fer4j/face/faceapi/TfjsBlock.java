package org.fer4j.face.faceapi;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.weights.TfjsWeights;

/**
 * A DJL block whose parameters are named after, and loaded from, a face-api TF.js manifest.
 *
 * <p>Subclasses declare each tensor with its role (convolution, depthwise, dense, vector) so
 * {@link #load} can turn TF's layouts into PyTorch's. The blocks are inference-only: the
 * pretrained weights are frozen and no gradient is attached.
 */
public abstract class TfjsBlock extends AbstractBlock {
  /** How a TF tensor maps to a PyTorch one. */
  protected enum Layout {
    CONV,
    DEPTHWISE,
    DENSE,
    VECTOR
  }

  private final Map<String, Layout> layouts = new LinkedHashMap<>();

  protected TfjsBlock() {
    super((byte) 1);
  }

  /** Declares one parameter with the TF.js name it is read from. */
  protected final void declare(String name, Layout layout) {
    addParameter(Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build());
    layouts.put(name, layout);
  }

  /** Declares {@code prefix/filters} and {@code prefix/bias} of a plain convolution. */
  protected final void declareConv(String prefix) {
    declare(prefix + "/filters", Layout.CONV);
    declare(prefix + "/bias", Layout.VECTOR);
  }

  /** Declares the depthwise, pointwise and bias tensors of a separable convolution. */
  protected final void declareSeparable(String prefix) {
    declare(prefix + "/depthwise_filter", Layout.DEPTHWISE);
    declare(prefix + "/pointwise_filter", Layout.CONV);
    declare(prefix + "/bias", Layout.VECTOR);
  }

  /** Declares {@code prefix/weights} and {@code prefix/bias} of a fully connected layer. */
  protected final void declareDense(String prefix) {
    declare(prefix + "/weights", Layout.DENSE);
    declare(prefix + "/bias", Layout.VECTOR);
  }

  /**
   * Loads every declared tensor from the manifest into arrays owned by {@code manager}, which
   * must outlive the block's use (close it to free the weights).
   */
  public void load(TfjsWeights weights, NDManager manager) {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    for (Map.Entry<String, Layout> e : layouts.entrySet()) {
      String name = e.getKey();
      NDArray array =
          switch (e.getValue()) {
            case CONV -> weights.conv2d(manager, name);
            case DEPTHWISE -> weights.depthwise(manager, name);
            case DENSE -> weights.dense(manager, name);
            case VECTOR -> weights.vector(manager, name);
          };
      arrays.put(name, array);
    }
    fold(arrays, manager);
    arrays.forEach((name, array) -> parameters.get(name).setArray(array));
  }

  /**
   * Hook to rewrite the weights once before they are set (e.g. fold an input normalisation into
   * the first convolution); replace entries of {@code arrays}, creating arrays on
   * {@code manager}. The default keeps them as read.
   */
  protected void fold(Map<String, NDArray> arrays, NDManager manager) {}

  /** The loaded array of a declared parameter. */
  protected final NDArray p(String name) {
    NDArray a = parameters.get(name).getArray();
    if (a == null) {
      throw new IllegalStateException(
          getClass().getSimpleName() + ": weights not loaded; call load(weights, manager) first");
    }
    return a;
  }

  /** {@code conv2d(x, prefix/filters, stride, same) + prefix/bias}. */
  protected final NDArray conv(NDArray x, String prefix, int stride) {
    return TfOps.convSame(x, p(prefix + "/filters"), p(prefix + "/bias"), stride);
  }

  /** face-api's separable convolution with TF {@code same} padding. */
  protected final NDArray separable(NDArray x, String prefix, int stride) {
    return TfOps.separableSame(
        x,
        p(prefix + "/depthwise_filter"),
        p(prefix + "/pointwise_filter"),
        p(prefix + "/bias"),
        stride);
  }

  /** {@code x . W + b} with x {@code [N, in]}. */
  protected final NDArray dense(NDArray x, String prefix) {
    return ai.djl.nn.core.Linear.linear(x, p(prefix + "/weights"), p(prefix + "/bias"))
        .singletonOrThrow();
  }
}

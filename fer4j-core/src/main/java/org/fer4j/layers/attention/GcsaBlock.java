package org.fer4j.layers.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import org.fer4j.layers.TorchLayers;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.fer4j.FerException;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.SpatialPool;

/**
 * Global-convolution SE attention with temporal coupling (GCA of GCA+IAL, called GCSA in fer4j).
 * Li, Niu, Zhu, Zhao, "Intensity-Aware Loss for Dynamic Facial Expression Recognition in the Wild",
 * AAAI 2023, <a href="https://arxiv.org/abs/2208.10335">arXiv:2208.10335</a> ({@code
 * muse1998/IAL-for-Facial-Expression-Recognition:modules.py}). On a residual branch {@code U} of
 * shape {@code (B*T, C, H, W)}:
 *
 * <ol>
 *   <li>squeeze {@code g}: a depthwise convolution whose kernel covers the whole map (a learned
 *       global pooling, {@code gconv}), or global average pooling ({@code avg}), or their mean
 *       ({@code both}); the kernel size is taken from the input map at initialisation;
 *   <li>auxiliary logits {@code Linear(2C to K)(Linear(C to 2C)(mean_T g))}, one row per clip, both
 *       without bias;
 *   <li>excitation {@code s = 2 sigmoid(W2 ReLU(W1 g))}, 1x1 convs C to C/r to C without bias;
 *   <li>temporal coupling {@code s' = sqrt(s * mean_T(s) + 1e-5)};
 * </ol>
 *
 * <p>The forward output is {@code [U * s', aux, s']}: the residual block adds the skip and the
 * ReLU; the coupled channel attention {@code s'} of shape {@code (B, T, C)} comes last so that
 * explanations can show it per frame (readers of the first two outputs are unaffected).
 * With T=1 the coupling reduces to {@code sqrt(s^2 + 1e-5)}, close to plain SE with a 2x gain.
 */
public final class GcsaBlock extends AbstractBlock implements MacCounting {
  private static final double COUPLING_EPS = 1e-5;

  private final int channels;
  private final AttentionOptions options;
  private final Parameter gconvWeight;
  private final Conv2d se1;
  private final Conv2d se2;
  private final Linear aux1;
  private final Linear aux2;

  private GcsaBlock(ChannelAttentionBuilder<GcsaBlock> builder) {
    channels = builder.channels();
    options = builder.options();
    // No global-conv weight in avg mode: a parameter without gradient would only confuse.
    gconvWeight =
        "avg".equals(options.squeeze())
            ? null
            : addParameter(
                Parameter.builder()
                    .setName("gconv_weight")
                    .setType(Parameter.Type.WEIGHT)
                    .optInitializer(
                        new XavierInitializer(
                            XavierInitializer.RandomType.GAUSSIAN,
                            XavierInitializer.FactorType.OUT,
                            2))
                    .build());
    se1 = addChildBlock("se1", SeBlock.conv1x1(options.reduced(channels), false));
    se2 = addChildBlock("se2", SeBlock.conv1x1(channels, false));
    aux1 = addChildBlock("aux1", TorchLayers.linearNoBias(2L * channels));
    aux2 =
        addChildBlock(
            "aux2", TorchLayers.linearNoBias(options.auxClasses()));
  }

  /** {@code setChannels} required; {@code optOptions} optional. */
  public static ChannelAttentionBuilder<GcsaBlock> builder() {
    return new ChannelAttentionBuilder<>("GcsaBlock", GcsaBlock::new);
  }

  public AttentionOptions options() {
    return options;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray u = inputs.singletonOrThrow();
    long bt = u.getShape().get(0);
    int t = options.frames();
    if (bt % t != 0) {
      throw FerException.badInput(
          "GcsaBlock expects (clips*frames, C, H, W) with frames=" + t + ", got batch " + bt);
    }
    NDArray g = squeeze(ps, u, training);
    NDArray clipMean = g.reshape(bt / t, t, channels).mean(new int[] {1});
    NDArray aux = aux1.forward(ps, new NDList(clipMean), training).singletonOrThrow();
    aux = aux2.forward(ps, new NDList(aux), training).singletonOrThrow();

    NDArray s =
        se1.forward(ps, new NDList(g.reshape(bt, channels, 1, 1)), training).singletonOrThrow();
    s = se2.forward(ps, new NDList(Activation.relu(s)), training).singletonOrThrow();
    s = Activation.sigmoid(s).mul(2).reshape(bt / t, t, channels);
    NDArray coupled = s.mul(s.mean(new int[] {1}, true)).add(COUPLING_EPS).sqrt();
    return new NDList(u.mul(coupled.reshape(bt, channels, 1, 1)), aux, coupled);
  }

  /** The squeezed descriptor {@code g}, shape {@code (B*T, C)}. */
  private NDArray squeeze(ParameterStore ps, NDArray u, boolean training) {
    NDArray avg = SpatialPool.mean(u, false);
    if ("avg".equals(options.squeeze())) {
      return avg;
    }
    NDArray w = ps.getValue(gconvWeight, u.getDevice(), training);
    Shape ws = w.getShape();
    if (ws.get(2) != u.getShape().get(2) || ws.get(3) != u.getShape().get(3)) {
      throw FerException.badInput(
          "GcsaBlock was initialised for "
              + ws.get(2)
              + "x"
              + ws.get(3)
              + " maps but got "
              + u.getShape().get(2)
              + "x"
              + u.getShape().get(3)
              + "; its global conv covers the whole map, so build the model for this input size");
    }
    NDArray kernel = BlockCalls.stepScoped(w.reshape(1, channels, ws.get(2), ws.get(3)), u);
    NDArray g = SpatialPool.sum(u.mul(kernel), false);
    return "both".equals(options.squeeze()) ? g.add(avg).div(2) : g;
  }

  /** The global conv (one MAC per input element), the excitation convs and the aux head. */
  @Override
  public long macs(Shape... inputShapes) {
    Shape in = inputShapes[0];
    long bt = in.get(0);
    long gconv = "avg".equals(options.squeeze()) ? 0 : in.size();
    Shape g = new Shape(bt, channels, 1, 1);
    long se = MacCounter.count(se1, g) + MacCounter.count(se2, BlockCalls.outputShape(se1, g));
    Shape clip = new Shape(Math.max(1, bt / options.frames()), channels);
    long aux =
        MacCounter.count(aux1, clip) + MacCounter.count(aux2, BlockCalls.outputShape(aux1, clip));
    return gconv + se + aux;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long clips = inputShapes[0].get(0) / options.frames();
    return new Shape[] {
      inputShapes[0],
      new Shape(clips, options.auxClasses()),
      new Shape(clips, options.frames(), channels)
    };
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    Shape in = inputShapes[0];
    if (gconvWeight != null) {
      gconvWeight.setShape(new Shape(channels, 1, in.get(2), in.get(3)));
    }
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    long bt = inputShapes[0].get(0);
    Shape hidden = BlockCalls.initialize(se1, manager, dataType, new Shape(bt, channels, 1, 1));
    se2.initialize(manager, dataType, hidden);
    Shape clip = new Shape(Math.max(1, bt / options.frames()), channels);
    aux2.initialize(manager, dataType, BlockCalls.initialize(aux1, manager, dataType, clip));
  }
}

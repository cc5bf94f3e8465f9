package org.fer4j.layers;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.function.Predicate;

/**
 * DJL layers configured as their PyTorch namesakes, and PyTorch's initialisers. Using these keeps
 * numerics and parameter names identical to torchvision (DJL's defaults differ: BatchNorm momentum
 * is the complement of PyTorch's, LayerNorm normalises every non-batch axis).
 */
public final class TorchLayers {
  /** PyTorch's BatchNorm default eps. */
  public static final float BATCH_NORM_EPS = 1e-5f;

  /** DJL momentum equal to PyTorch's default 0.1 (DJL keeps {@code 1 - momentum}). */
  public static final float BATCH_NORM_DJL_MOMENTUM = 0.9f;

  private TorchLayers() {}

  /** {@code nn.Conv2d(in, out, kernel, stride, padding, groups=groups, bias=bias)}, square. */
  public static Conv2d conv2d(
      int outChannels, int kernel, int stride, int padding, int groups, boolean bias) {
    return Conv2d.builder()
        .setFilters(outChannels)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding))
        .optGroups(groups)
        .optBias(bias)
        .build();
  }

  /** {@code nn.BatchNorm2d(c)} with PyTorch's eps 1e-5 and momentum 0.1. */
  public static BatchNorm batchNorm2d() {
    return BatchNorm.builder()
        .optEpsilon(BATCH_NORM_EPS)
        .optMomentum(BATCH_NORM_DJL_MOMENTUM)
        .build();
  }

  /**
   * {@code nn.Linear(in, out)} with PyTorch's default weight initialisation; the bias starts at
   * zero because its PyTorch bound needs {@code in}, unknown here (use {@link #linear(long, long)}
   * when it is known). DJL's own default for weights is He-normal, {@code sqrt(2/fan_in)}: about
   * 2.4x PyTorch's scale per layer, which in stacked transformer layers made GCSA's initial logits
   * 8x larger than the reference's.
   */
  public static Linear linear(long outFeatures) {
    Linear l = Linear.builder().setUnits(outFeatures).build();
    l.setInitializer(linearDefaultWeight(), "weight");
    return l;
  }

  /** {@code nn.Linear(in, out)} with PyTorch's default initialisation of weight and bias. */
  public static Linear linear(long inFeatures, long outFeatures) {
    Linear l = linear(outFeatures);
    l.setInitializer(linearDefaultBias(inFeatures), "bias");
    return l;
  }

  /** {@code nn.Linear(in, out, bias=False)} with PyTorch's default weight initialisation. */
  public static Linear linearNoBias(long outFeatures) {
    Linear l = Linear.builder().setUnits(outFeatures).optBias(false).build();
    l.setInitializer(linearDefaultWeight(), "weight");
    return l;
  }

  /** {@code nn.LayerNorm(c, eps)} on the last axis of a channels-last (N, H, W, C) tensor. */
  public static LayerNorm layerNormChannelsLast(float eps) {
    return LayerNorm.builder().axis(3).optEpsilon(eps).build();
  }

  /** {@code nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")}. */
  public static Initializer kaimingNormalFanOut() {
    return new XavierInitializer(
        XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2);
  }

  /**
   * The default initialisation of a PyTorch {@code nn.Linear} weight: {@code kaiming_uniform_(a=
   * sqrt(5))}, i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
   */
  public static Initializer linearDefaultWeight() {
    return new XavierInitializer(
        XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1);
  }

  /** The default initialisation of a PyTorch {@code nn.Linear} bias: U(-1/sqrt(in), 1/sqrt(in)). */
  public static Initializer linearDefaultBias(long inFeatures) {
    return new UniformInitializer((float) (1.0 / Math.sqrt(inFeatures)));
  }

  /**
   * {@code nn.init.trunc_normal_(w, std=sigma)} with PyTorch's default cut at +-2 (absolute, not in
   * standard deviations); for the small sigmas used (0.02) the cut is never reached, so a plain
   * normal distribution is the same distribution.
   */
  public static Initializer truncNormal(float sigma) {
    return new NormalInitializer(sigma);
  }

  /** Sets {@code init} on the parameters named {@code paramName} of every block of {@code type}. */
  public static void initialize(
      Block root, Class<? extends Block> type, String paramName, Initializer init) {
    visit(
        root,
        type,
        b -> b.setInitializer(init, (Predicate<Parameter>) p -> p.getName().equals(paramName)));
  }

  private static void visit(
      Block block, Class<? extends Block> type, java.util.function.Consumer<Block> action) {
    if (type.isInstance(block)) {
      action.accept(block);
    }
    for (Block child : block.getChildren().values()) {
      visit(child, type, action);
    }
  }
}

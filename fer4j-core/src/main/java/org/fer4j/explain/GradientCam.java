package org.fer4j.explain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.models.StagedModel;

/**
 * Gradient-weighted class activation maps for any {@link StagedModel}. DJL has no forward hooks, so
 * the stages up to the target layer run first; their output is duplicated as a new leaf that
 * requires a gradient, the rest of the network runs from it with {@link
 * StagedModel#forwardFrom} inside a {@link GradientCollector}, and the leaf's gradient is read
 * after backpropagating the class score (the pre-softmax logit, as both papers use).
 *
 * <p>Subclasses only decide the channel weights: {@link GradCam} and {@link GradCamPlusPlus}. The
 * model runs in inference mode (BatchNorm uses its running statistics), so each image's score
 * depends on that image only and one backward pass of the batch's summed scores gives every
 * image's own gradient.
 *
 * <p>While explaining, the model's parameters are temporarily excluded from autograd (their
 * {@code requires_grad} flag is restored afterwards): only the stage gradient is needed, and
 * computing weight gradients would cost time and pollute gradients a trainer may hold. PyTorch
 * allows one gradient collector per process at a time: explanations are serialised on a
 * process-wide lock, and one must not explain while training in another thread.
 */
public abstract class GradientCam {
  /**
   * Explanations run one at a time in the process: PyTorch allows one gradient collector at a time
   * and a server explains from several worker threads.
   */
  private static final Object AUTOGRAD = new Object();

  private final Block block;
  private final StagedModel model;
  private final String layer;
  private final int stage;

  /**
   * @param block the model; it must implement {@link StagedModel} and be initialised
   * @param layer the stage to explain, or null for the model's CAM layer
   */
  protected GradientCam(Block block, String layer) {
    if (!(block instanceof StagedModel staged)) {
      throw FerException.badInput(
          block.getClass().getSimpleName() + " is not a StagedModel, so Grad-CAM cannot reach its"
              + " stages; use a model built from fer4j backbones (e.g. resnet18)");
    }
    this.block = block;
    this.model = staged;
    this.layer = layer == null ? staged.camLayer() : layer;
    this.stage = staged.stageIndex(this.layer);
  }

  /** A builder choosing the method: {@code GradientCam.builder().setModel(b).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Which method this is. */
  public abstract CamMethod method();

  /** The stage whose output is explained. */
  public String layer() {
    return layer;
  }

  /**
   * The channel weights of every image.
   *
   * @param activations (N, K, h, w) the stage output A
   * @param gradients (N, K, h, w) dS/dA for the class score S
   * @return (N, K)
   */
  protected abstract NDArray channelWeights(NDArray activations, NDArray gradients);

  /** Explains each image's predicted class. */
  public List<Explanation> explain(NDArray batch) {
    return explain(batch, filled(batch, -1));
  }

  /** Explains one chosen class for every image. */
  public List<Explanation> explain(NDArray batch, int classIndex) {
    return explain(batch, filled(batch, classIndex));
  }

  /**
   * Explains a batch.
   *
   * @param batch (N, C, H, W) preprocessed images; left untouched
   * @param classes one class index per image, or -1 for the image's predicted class
   * @return one explanation per image, maps at H x W
   */
  public List<Explanation> explain(NDArray batch, int[] classes) {
    Shape shape = batch.getShape();
    if (shape.dimension() != 4 || classes.length != shape.get(0)) {
      throw FerException.badInput(
          "Grad-CAM needs an (N, C, H, W) batch and one class per image; got " + shape + " and "
              + classes.length + " classes");
    }
    try (NDManager scope = batch.getManager().newSubManager()) {
      Trace t = trace(scope, batch, new int[] {0}, classes);
      NDArray raw = CamMaps.weightedSum(t.activations(), channelWeights(t.activations(), t.gradients()));
      NDArray maps = CamMaps.normalise(CamMaps.upsample(raw, (int) shape.get(2), (int) shape.get(3)));
      NDArray logits = t.outputs().head();
      return collect(raw, maps, logits.softmax(1), logits.argMax(1), t.targets());
    }
  }

  /**
   * What one forward and backward pass gives: the explained stage's output, the gradient of the
   * target scores with respect to it, every output of the head, and the class explained per sample.
   *
   * @param activations the stage output A (a leaf copy)
   * @param gradients dS/dA, same shape
   * @param outputs the head's outputs (logits first)
   * @param targets the class of each sample whose score S was differentiated
   */
  record Trace(NDArray activations, NDArray gradients, NDList outputs, int[] targets) {}

  /**
   * Runs the stages up to the explained one without autograd, then the rest from a leaf copy of
   * its output, and backpropagates the sum of each sample's target score. Model-specific views use
   * this with another output than the main logits (AGLF's region logits, a clip model's frames).
   *
   * @param scope owns every array of the trace
   * @param input the model input (any layout the model's first stage accepts); left untouched
   * @param outputs which head outputs hold the scores to differentiate (0: the main logits); with
   *     several, the sum of their target scores is differentiated
   * @param classes one class per sample, or -1 for the class the main logits (output 0) predict
   */
  Trace trace(NDManager scope, NDArray input, int[] outputs, int[] classes) {
    synchronized (AUTOGRAD) {
      return traceAlone(scope, input, outputs, classes);
    }
  }

  private Trace traceAlone(NDManager scope, NDArray input, int[] outputs, int[] classes) {
    try (FrozenParameters frozen = new FrozenParameters(block)) {
      NDArray x = input.duplicate();
      x.attach(scope);
      ParameterStore ps = new ParameterStore(scope, false);
      for (int i = 0; i <= stage; i++) {
        x = model.forwardStage(ps, i, x, false);
      }
      NDArray leaf = x.duplicate();
      leaf.setRequiresGradient(true);
      NDList heads;
      int[] targets;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        heads = model.forwardFrom(ps, stage, leaf, false);
        targets = resolveTargets(heads.head(), classes);
        NDArray total = null;
        for (int o : outputs) {
          if (o < 0 || o >= heads.size()) {
            throw FerException.badInput(
                "the model has " + heads.size() + " outputs; output " + o + " does not exist");
          }
          NDArray scores = heads.get(o);
          NDArray score = scores.mul(oneHot(scope, targets, scores.getShape())).sum();
          total = total == null ? score : total.add(score);
        }
        gc.backward(total);
      }
      return new Trace(leaf, leaf.getGradient(), heads, targets);
    }
  }

  /** The model being explained (for views that need its structure). */
  Block block() {
    return block;
  }

  private static int[] filled(NDArray batch, int value) {
    int[] classes = new int[(int) batch.getShape().get(0)];
    Arrays.fill(classes, value);
    return classes;
  }

  /** The selector of each image's target logit, built in Java and handed over in one copy. */
  private static NDArray oneHot(NDManager scope, int[] targets, Shape logitsShape) {
    int classes = (int) logitsShape.get(1);
    float[] values = new float[targets.length * classes];
    for (int n = 0; n < targets.length; n++) {
      values[n * classes + targets[n]] = 1f;
    }
    return scope.create(values, logitsShape);
  }

  private static int[] resolveTargets(NDArray logits, int[] classes) {
    long numClasses = logits.getShape().get(1);
    long[] predicted = logits.argMax(1).toLongArray();
    int[] out = new int[classes.length];
    for (int n = 0; n < classes.length; n++) {
      if (classes[n] >= numClasses || classes[n] < -1) {
        throw FerException.badInput(
            "class index " + classes[n] + " is out of range: the model has " + numClasses
                + " classes (0.." + (numClasses - 1) + "); use -1 for the predicted class");
      }
      out[n] = classes[n] < 0 ? (int) predicted[n] : classes[n];
    }
    return out;
  }

  /** Copies the batch results to Java arrays, one bulk transfer per array. */
  List<Explanation> collect(
      NDArray raw, NDArray maps, NDArray probabilities, NDArray argMax, int[] targets) {
    int n = targets.length;
    int h = (int) raw.getShape().get(1);
    int w = (int) raw.getShape().get(2);
    int height = (int) maps.getShape().get(1);
    int width = (int) maps.getShape().get(2);
    float[] rawValues = raw.toFloatArray();
    float[] mapValues = maps.toFloatArray();
    float[] probs = probabilities.toFloatArray();
    long[] predicted = argMax.toLongArray();
    int classes = probs.length / n;
    List<Explanation> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new Explanation(
              method(), layer, targets[i], probs[i * classes + targets[i]], (int) predicted[i],
              height, width, Arrays.copyOfRange(mapValues, i * height * width, (i + 1) * height * width),
              h, w, Arrays.copyOfRange(rawValues, i * h * w, (i + 1) * h * w)));
    }
    return out;
  }

  /** Turns parameter gradients off for the duration of an explanation and restores them. */
  private static final class FrozenParameters implements AutoCloseable {
    private final List<NDArray> restore = new ArrayList<>();

    FrozenParameters(Block block) {
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (!p.getValue().isInitialized()) {
          throw new FerException(
              FerException.Kind.INTERNAL,
              "the model is not initialised (parameter " + p.getKey() + " has no value): call"
                  + " block.initialize(manager, DataType.FLOAT32, inputShape) before explaining");
        }
        NDArray a = p.getValue().getArray();
        if (a.hasGradient()) {
          a.setRequiresGradient(false);
          restore.add(a);
        }
      }
    }

    @Override
    public void close() {
      restore.forEach(a -> a.setRequiresGradient(true));
    }
  }

  /** Chooses the method, model and layer; {@code setModel} is required. */
  public static final class Builder {
    private Block model;
    private String layer;
    private CamMethod method = CamMethod.GRAD_CAM;

    private Builder() {}

    /** The model: an initialised block that implements {@link StagedModel}. */
    public Builder setModel(Block model) {
      this.model = model;
      return this;
    }

    /** The stage to explain (default: the model's {@link StagedModel#camLayer()}). */
    public Builder optLayer(String layer) {
      this.layer = layer;
      return this;
    }

    /** Grad-CAM (default) or Grad-CAM++. */
    public Builder optMethod(CamMethod method) {
      this.method = method;
      return this;
    }

    /** Validates the settings and builds the explainer. */
    public GradientCam build() {
      if (model == null) {
        throw FerException.badInput("GradientCam needs a model: call setModel(block)");
      }
      return method == CamMethod.GRAD_CAM_PLUS_PLUS
          ? new GradCamPlusPlus(model, layer)
          : new GradCam(model, layer);
    }
  }
}

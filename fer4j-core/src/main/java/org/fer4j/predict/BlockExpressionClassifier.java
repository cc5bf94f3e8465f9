package org.fer4j.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.transforms.ModelInput;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.explain.CamMethod;
import org.fer4j.explain.Explanation;
import org.fer4j.explain.GradientCam;
import org.fer4j.face.Alignment;
import org.fer4j.face.RgbImage;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.onnx.ExportInfo;
import org.fer4j.onnx.OrtNet;
import org.fer4j.run.TrainedModel;

/**
 * A fer4j model as the predictor's expression classifier: each face is aligned with
 * {@link Alignment} (5 landmark points to the template, at the model's input size), prepared
 * by {@link ModelInput} for the model's {@link PreprocessConfig} as training's evaluation does,
 * and all faces go through the block in one batch; the
 * logits are soft-maxed. This is how a registered model or a trained run's weights plug into
 * {@link ExpressionPredictor#builder()}{@code .optClassifier(...)}.
 *
 * <p>Thread-safe as long as the block's forward is (DJL blocks in inference mode are; each call
 * uses its own NDManager).
 */
public final class BlockExpressionClassifier implements ExplainableClassifier, AutoCloseable {
  private final Block block;
  private final ModelInput input;
  private final LabelSpace labels;
  private final Alignment.Template template;
  private final String name;
  private final OrtNet ort;

  /**
   * @param block an initialised block with loaded weights, NCHW input, logits first in its output
   * @param preprocess input size (square), channels (3 or 1) and normalisation
   * @param labels the classes of the logits
   * @param template where the five face points go, scaled to the input size
   */
  public BlockExpressionClassifier(
      Block block, PreprocessConfig preprocess, LabelSpace labels, Alignment.Template template) {
    if (preprocess.height() != preprocess.width()) {
      throw new IllegalArgumentException("aligned crops are square; input is " + preprocess.height() + "x" + preprocess.width());
    }
    this.block = block;
    this.input = ModelInput.of(preprocess);
    this.labels = labels;
    this.template = template.scaled(preprocess.width(), 1.0);
    this.name = block.getClass().getSimpleName();
    this.ort = null;
  }

  private BlockExpressionClassifier(BlockExpressionClassifier djl, String name, OrtNet ort) {
    this.block = djl.block;
    this.input = djl.input;
    this.labels = djl.labels;
    this.template = djl.template;
    this.name = name;
    this.ort = ort;
  }

  /** The same classifier with a name for messages (the registered model's, e.g. {@code resnet18}). */
  public BlockExpressionClassifier named(String modelName) {
    return new BlockExpressionClassifier(this, modelName, ort);
  }

  /**
   * This classifier with its forward pass on {@code engine}: itself when it already runs there;
   * for ONNX Runtime a new one that runs the block exported in memory (explanations stay on the
   * DJL block). The caller closes a new one to free its session.
   *
   * @param threads ONNX Runtime intra-op threads (0: all cores)
   * @throws FerException BAD_INPUT naming the block when the exporter cannot convert the model
   */
  public BlockExpressionClassifier onEngine(InferenceEngine engine, int threads) {
    if (engine == engine()) {
      return this;
    }
    if (engine == InferenceEngine.DJL) {
      return new BlockExpressionClassifier(this, name, null);
    }
    ExportInfo info = new ExportInfo(name, input.config(), labels, Map.of("weights", "in memory"));
    return new BlockExpressionClassifier(this, name, OrtNet.compile(block, info, threads));
  }

  /** The engine that runs {@link #classify}. */
  public InferenceEngine engine() {
    return ort == null ? InferenceEngine.DJL : InferenceEngine.ONNXRUNTIME;
  }

  /** Frees the ONNX Runtime session, if any; the block belongs to the caller. */
  @Override
  public void close() {
    if (ort != null) {
      ort.close();
    }
  }

  /** A registered model's preprocessing and labels with trained weights already in the block. */
  public static BlockExpressionClassifier of(ModelSpec spec, Block trainedBlock) {
    return new BlockExpressionClassifier(trainedBlock, spec.preprocess(), spec.labels(), Alignment.Template.ARCFACE_112)
        .named(spec.name());
  }

  /**
   * A trained run (see {@link TrainedModel#open}) as the classifier: its block, its input size
   * and normalisation, and its class names. The caller keeps the run open while classifying.
   *
   * @throws FerException when the run is a clip model (use it on videos) or its input is not square
   */
  public static BlockExpressionClassifier of(TrainedModel run) {
    PreprocessConfig p = run.preprocess();
    if (p.frames() > 1) {
      throw FerException.badInput("run " + run.run().path() + " is a clip model (" + run.config().model() + ", "
          + p.frames() + " frames): it classifies videos, not single images; pass a video or a static run");
    }
    if (p.height() != p.width()) {
      throw FerException.badInput("run " + run.run().path() + " takes " + p.width() + "x" + p.height()
          + " inputs; aligned face crops are square");
    }
    return new BlockExpressionClassifier(run.block(), p, run.labels(), Alignment.Template.ARCFACE_112)
        .named(run.config().model());
  }

  @Override
  public LabelSpace labels() {
    return labels;
  }

  @Override
  public List<float[]> classify(List<FaceInput> faces) {
    float[] batch = new float[faces.size() * input.itemLength()];
    for (int f = 0; f < faces.size(); f++) {
      input.writeImage(aligned(faces.get(f)).toFloatImage(), batch, f * input.itemLength());
    }
    List<float[]> out = new ArrayList<>();
    int k = labels.size();
    if (ort != null) {
      float[] logits = ort.run(batch, input.shape(faces.size()).getShape())[0];
      for (int f = 0; f < faces.size(); f++) {
        out.add(Softmax.of(logits, f * k, k));
      }
      return out;
    }
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(batch, input.shape(faces.size()));
      NDList result = block.forward(new ParameterStore(m, false), new NDList(x), false);
      float[] probs = result.get(0).softmax(1).toFloatArray();
      for (int f = 0; f < faces.size(); f++) {
        float[] p = new float[k];
        System.arraycopy(probs, f * k, p, 0, k);
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Grad-CAM (or ++) of each face's top class at the model's CAM layer, on the aligned face.
   *
   * @throws org.fer4j.FerException when the block is not a {@link org.fer4j.models.StagedModel}
   */
  @Override
  public List<FaceExplanation> explain(List<FaceInput> faces, CamMethod method) {
    GradientCam cam = GradientCam.builder().setModel(block).optMethod(method).build();
    float[] batch = new float[faces.size() * input.itemLength()];
    List<RgbImage> aligned = new ArrayList<>();
    for (int f = 0; f < faces.size(); f++) {
      aligned.add(aligned(faces.get(f)));
      input.writeImage(aligned.get(f).toFloatImage(), batch, f * input.itemLength());
    }
    List<FaceExplanation> out = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager()) {
      List<Explanation> maps = cam.explain(m.create(batch, input.shape(faces.size())));
      for (int f = 0; f < faces.size(); f++) {
        Explanation e = maps.get(f);
        out.add(new FaceExplanation(method, e.layer(), labels.nameOf(e.classIndex()), e.probability(), aligned.get(f), e.map()));
      }
    }
    return out;
  }

  // The crop comes out at the input size, so ModelInput's resize leaves it as it is.
  private RgbImage aligned(FaceInput face) {
    return Alignment.align(face.image(), face.landmarks(), template, input.config().width());
  }
}

package org.fer4j.predict;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.explain.CamMethod;
import org.fer4j.explain.Explanation;
import org.fer4j.explain.GradientCam;
import org.fer4j.face.Alignment;
import org.fer4j.face.RgbImage;
import org.fer4j.models.ModelSpec;
import org.fer4j.models.PreprocessConfig;
import org.fer4j.train.TrainedModel;

/**
 * A fer4j model as the predictor's expression classifier: each face is aligned with
 * {@link Alignment} (5 landmark points to the template, at the model's input size), normalised
 * by the model's {@link PreprocessConfig}, and all faces go through the block in one batch; the
 * logits are soft-maxed. This is how a registered model or a trained run's weights plug into
 * {@link ExpressionPredictor#builder()}{@code .optClassifier(...)}.
 *
 * <p>Thread-safe as long as the block's forward is (DJL blocks in inference mode are; each call
 * uses its own NDManager).
 */
public final class BlockExpressionClassifier implements ExplainableClassifier {
  private final Block block;
  private final PreprocessConfig preprocess;
  private final LabelSpace labels;
  private final Alignment.Template template;

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
    this.preprocess = preprocess;
    this.labels = labels;
    this.template = template.scaled(preprocess.width(), 1.0);
  }

  /** A registered model's preprocessing and labels with trained weights already in the block. */
  public static BlockExpressionClassifier of(ModelSpec spec, Block trainedBlock) {
    return new BlockExpressionClassifier(trainedBlock, spec.preprocess(), spec.labels(), Alignment.Template.ARCFACE_112);
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
    return new BlockExpressionClassifier(run.block(), p, run.labels(), Alignment.Template.ARCFACE_112);
  }

  @Override
  public LabelSpace labels() {
    return labels;
  }

  @Override
  public List<float[]> classify(List<FaceInput> faces) {
    int size = preprocess.width();
    int channels = preprocess.channels();
    float[] batch = new float[faces.size() * channels * size * size];
    for (int f = 0; f < faces.size(); f++) {
      normalise(aligned(faces.get(f)), batch, f * channels * size * size);
    }
    List<float[]> out = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(batch, new Shape(faces.size(), channels, size, size));
      NDList result = block.forward(new ParameterStore(m, false), new NDList(x), false);
      float[] probs = result.get(0).softmax(1).toFloatArray();
      int k = labels.size();
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
    int size = preprocess.width();
    int channels = preprocess.channels();
    float[] batch = new float[faces.size() * channels * size * size];
    List<RgbImage> aligned = new ArrayList<>();
    for (int f = 0; f < faces.size(); f++) {
      aligned.add(aligned(faces.get(f)));
      normalise(aligned.get(f), batch, f * channels * size * size);
    }
    List<FaceExplanation> out = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager()) {
      List<Explanation> maps = cam.explain(m.create(batch, new Shape(faces.size(), channels, size, size)));
      for (int f = 0; f < faces.size(); f++) {
        Explanation e = maps.get(f);
        out.add(new FaceExplanation(method, e.layer(), labels.nameOf(e.classIndex()), e.probability(), aligned.get(f), e.map()));
      }
    }
    return out;
  }

  private RgbImage aligned(FaceInput face) {
    return Alignment.align(face.image(), face.landmarks(), template, preprocess.width());
  }

  // Pixels to [0,1], to gray (ITU-R BT.601 luma) for 1-channel models, then (v - mean) / std.
  private void normalise(RgbImage img, float[] dst, int offset) {
    int plane = img.width() * img.height();
    float[] mean = preprocess.mean();
    float[] std = preprocess.std();
    float[] d = img.data();
    for (int i = 0; i < plane; i++) {
      if (preprocess.channels() == 1) {
        float gray = (0.299f * d[3 * i] + 0.587f * d[3 * i + 1] + 0.114f * d[3 * i + 2]) / 255f;
        dst[offset + i] = (gray - mean[0]) / std[0];
      } else {
        for (int c = 0; c < 3; c++) {
          dst[offset + c * plane + i] = (d[3 * i + c] / 255f - mean[c]) / std[c];
        }
      }
    }
  }
}

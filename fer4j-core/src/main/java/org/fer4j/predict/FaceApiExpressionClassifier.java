package org.fer4j.predict;

import java.util.ArrayList;
import java.util.List;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.fer4j.data.LabelSpace;
import org.fer4j.engine.InferenceEngine;
import org.fer4j.explain.CamMethod;
import org.fer4j.explain.Explanation;
import org.fer4j.explain.GradientCam;
import org.fer4j.face.RgbImage;
import org.fer4j.face.faceapi.FaceApiLandmarks;
import org.fer4j.face.faceapi.FaceApiModels;
import org.fer4j.face.faceapi.FaceFeatureBlock;
import org.fer4j.face.faceapi.NetRunner;

/**
 * The pretrained face-api expression net ({@code face_expression_model}, 7 classes) on
 * face-api's landmark-aligned crops, reported in fer4j's canonical class order.
 *
 * <p>face-api's order is neutral, happy, sad, angry, fearful, disgusted, surprised
 * ({@code src/faceExpressionNet/FaceExpressions.ts}); {@link #FACE_API_TO_CANONICAL} maps it to
 * {@link LabelSpace#EXPRESSION_7}.
 */
public final class FaceApiExpressionClassifier implements ExplainableClassifier {
  /** For face-api output i, the index in {@link LabelSpace#EXPRESSION_7}. */
  static final int[] FACE_API_TO_CANONICAL = {6, 3, 4, 5, 1, 2, 0};

  private final FaceFeatureBlock net;
  private final NetRunner runner;

  /** The net on DJL. */
  public FaceApiExpressionClassifier(FaceApiModels models) {
    this(models, InferenceEngine.DJL);
  }

  /**
   * The net's forward pass on {@code engine}; explanations (Grad-CAM needs gradients) always run
   * on the DJL block.
   */
  public FaceApiExpressionClassifier(FaceApiModels models, InferenceEngine engine) {
    this.net = models.expressions();
    this.runner = models.runner(FaceApiModels.Net.EXPRESSIONS, engine, FaceFeatureBlock.INPUT_SIZE);
  }

  @Override
  public LabelSpace labels() {
    return LabelSpace.EXPRESSION_7;
  }

  @Override
  public List<float[]> classify(List<FaceInput> faces) {
    List<RgbImage> crops = new ArrayList<>();
    for (FaceInput f : faces) {
      crops.add(alignedCrop(f));
    }
    return classifyCrops(crops);
  }

  /** Probabilities (canonical order) for crops already cut from the images. */
  List<float[]> classifyCrops(List<RgbImage> crops) {
    List<float[]> out = new ArrayList<>();
    if (crops.isEmpty()) {
      return out;
    }
    List<RgbImage> inputs = crops.stream().map(FaceApiLandmarks::faceInput).toList();
    float[] logits = runner.run(inputs)[0];
    for (int f = 0; f < crops.size(); f++) {
      float[] p = Softmax.of(logits, f * 7, 7);
      float[] canonical = new float[7];
      for (int i = 0; i < 7; i++) {
        canonical[FACE_API_TO_CANONICAL[i]] = p[i];
      }
      out.add(canonical);
    }
    return out;
  }

  /**
   * Grad-CAM (or ++) of each face's top expression at the net's last dense block ({@code dense3},
   * 7x7 at 112 px; {@link FaceFeatureBlock} is a {@link org.fer4j.models.StagedModel}), on the
   * 112x112 padded crop the net sees.
   */
  @Override
  public List<FaceExplanation> explain(List<FaceInput> faces, CamMethod method) {
    List<FaceExplanation> out = new ArrayList<>();
    if (faces.isEmpty()) {
      return out;
    }
    List<RgbImage> inputs = faces.stream().map(f -> FaceApiLandmarks.faceInput(alignedCrop(f))).toList();
    int side = FaceFeatureBlock.INPUT_SIZE;
    float[] batch = new float[inputs.size() * 3 * side * side];
    for (int i = 0; i < inputs.size(); i++) {
      inputs.get(i).toChw(batch, i * 3 * side * side);
    }
    GradientCam cam = GradientCam.builder().setModel(net).optMethod(method).build();
    try (NDManager m = NDManager.newBaseManager()) {
      List<Explanation> maps = cam.explain(m.create(batch, new Shape(inputs.size(), 3, side, side)));
      for (int i = 0; i < maps.size(); i++) {
        Explanation e = maps.get(i);
        String name = LabelSpace.EXPRESSION_7.nameOf(FACE_API_TO_CANONICAL[e.classIndex()]);
        out.add(new FaceExplanation(method, e.layer(), name, e.probability(), inputs.get(i), e.map()));
      }
    }
    return out;
  }

  /** face-api's crop for the expression and age/gender nets: the aligned box, clipped. */
  static RgbImage alignedCrop(FaceInput f) {
    int[] r = FaceApiLandmarks.clipAndFloor(f.alignedBox(), f.image().width(), f.image().height());
    if (r == null) {
      r = FaceApiLandmarks.clipAndFloor(f.box(), f.image().width(), f.image().height());
    }
    return f.image().crop(r[0], r[1], r[2], r[3]);
  }
}

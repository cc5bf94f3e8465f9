package org.fer4j.server;

import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.Alignment;
import org.fer4j.face.RgbImage;
import org.fer4j.predict.BlockExpressionClassifier;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.ImageResult;
import org.fer4j.run.TrainedModel;

/**
 * The face pipeline ({@link ExpressionPredictor}) as the server's analyser.
 *
 * <p>PyTorch's grad mode is thread-local and DJL turns it off only on the thread that started
 * the engine; on any other thread every forward pass would record an autograd graph. Each worker
 * thread therefore switches it off in {@link #prepareWorkerThread()}.
 */
public final class PredictorAnalyzer implements Analyzer {
  private final ExpressionPredictor predictor;
  private final String modelName;
  private final Map<String, Object> provenance;
  private final AutoCloseable owned;

  /**
   * @param predictor a built predictor; this analyser closes it
   * @param modelName the name shown to clients, e.g. {@code face-api-expressions}
   */
  public PredictorAnalyzer(ExpressionPredictor predictor, String modelName) {
    this(predictor, modelName, null, null);
  }

  /**
   * @param provenance where the expression model comes from (shown by {@code GET /api/v1/models})
   * @param owned closed after the predictor (e.g. the trained run holding the block's weights)
   */
  public PredictorAnalyzer(ExpressionPredictor predictor, String modelName, Map<String, Object> provenance, AutoCloseable owned) {
    this.predictor = predictor;
    this.modelName = modelName;
    this.provenance = provenance;
    this.owned = owned;
  }

  /**
   * Serves a trained run ({@code ./fer serve --model RUN_DIR}): face-api finds the faces and
   * landmarks, the run's model classifies the aligned faces ({@link BlockExpressionClassifier},
   * ArcFace template at the run's input size) and can explain them with Grad-CAM.
   *
   * @param faceWeights face-api's weight folder (detector, landmarks, age/gender)
   */
  public static PredictorAnalyzer forRun(Path runDir, Path faceWeights, ExpressionPredictor.Detector detector) {
    return forRun(runDir, ExpressionPredictor.builder().setWeights(faceWeights).optDetector(detector));
  }

  /**
   * {@link #forRun(Path, Path, ExpressionPredictor.Detector)} with the face pipeline set up by the
   * caller (weights, detector, its size and score); the run's model becomes its classifier.
   */
  public static PredictorAnalyzer forRun(Path runDir, ExpressionPredictor.Builder facePipeline) {
    TrainedModel run = TrainedModel.open(runDir);
    try {
      BlockExpressionClassifier classifier = new BlockExpressionClassifier(
          run.block(), run.preprocess(), run.labels(), Alignment.Template.ARCFACE_112).named(run.spec().name());
      ExpressionPredictor predictor = facePipeline.optClassifier(classifier).build();
      String name = "run:" + run.run().path().getFileName() + " (" + run.spec().name() + ")";
      return new PredictorAnalyzer(predictor, name, RunProvenance.of(run), run);
    } catch (RuntimeException e) {
      run.close();
      throw e;
    }
  }

  @Override
  public List<ImageResult> analyze(List<RgbImage> images, List<String> sources) {
    return predictor.predict(images, sources);
  }

  @Override
  public List<ImageResult> analyze(List<RgbImage> images, List<String> sources, boolean explain) {
    return predictor.predict(images, sources, explain);
  }

  @Override
  public Map<String, Object> provenance() {
    return provenance;
  }

  @Override
  public LabelSpace labels() {
    return predictor.labels();
  }

  @Override
  public String modelName() {
    return modelName;
  }

  @Override
  public String explainUnavailableReason() {
    return predictor.canExplain() ? null
        : "the served expression classifier cannot compute Grad-CAM; call again without explain=true";
  }

  @Override
  public void prepareWorkerThread() {
    JniUtils.setGradMode(false);
  }

  /** Whether the calling thread records gradients; the server's workers must say false. */
  public static boolean gradModeOnThisThread() {
    return JniUtils.isGradMode();
  }

  @Override
  public void close() {
    predictor.close();
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing " + modelName + " failed", e);
      }
    }
  }
}

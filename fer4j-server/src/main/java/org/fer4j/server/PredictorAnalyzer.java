package org.fer4j.server;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.fer4j.predict.ExpressionPredictor;
import org.fer4j.predict.ImageResult;

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

  /**
   * @param predictor a built predictor; this analyser closes it
   * @param modelName the name shown to clients, e.g. {@code face-api-expressions}
   */
  public PredictorAnalyzer(ExpressionPredictor predictor, String modelName) {
    this.predictor = predictor;
    this.modelName = modelName;
  }

  @Override
  public List<ImageResult> analyze(List<RgbImage> images, List<String> sources) {
    return predictor.predict(images, sources);
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
    return "Grad-CAM needs a fer4j model with a CAM layer (org.fer4j.explain); the pretrained"
        + " face-api expression net has none, and serving a trained run is not wired up yet."
        + " Call again without explain=true.";
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
  }
}

package org.fer4j.server;

import java.util.List;
import org.fer4j.data.LabelSpace;
import org.fer4j.face.RgbImage;
import org.fer4j.predict.ImageResult;

/**
 * What the server runs on decoded images: the face pipeline in production
 * ({@link PredictorAnalyzer}). Implementations must be thread-safe; the server calls
 * {@link #analyze} from its worker threads only, after {@link #prepareWorkerThread()} ran once
 * on each of them.
 */
public interface Analyzer extends AutoCloseable {
  /** Faces, expressions and attributes for each image, in input order. */
  List<ImageResult> analyze(List<RgbImage> images, List<String> sources);

  /** The expression classes, in the order of each face's probabilities. */
  LabelSpace labels();

  /** A short name of the model in use, shown in responses and {@code /api/v1/models}. */
  String modelName();

  /**
   * Null when Grad-CAM ({@code ?explain=true}) is available, else why not and what would make
   * it available; the server answers 501 with this text.
   */
  default String explainUnavailableReason() {
    return "Grad-CAM is not available for this model";
  }

  /**
   * Runs once on each worker thread before it serves requests: thread-local engine state such
   * as PyTorch's grad mode belongs here.
   */
  default void prepareWorkerThread() {}

  @Override
  default void close() {}
}

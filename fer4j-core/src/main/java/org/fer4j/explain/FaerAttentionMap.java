package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.layers.attention.ContextualChannelBlock;
import org.fer4j.models.StagedModel;
import org.fer4j.models.seed.Faer;

/**
 * FAER's own view: where its Contextual Channel Attention looks. The block ({@link
 * ContextualChannelBlock}; Xu et al. 2025, {@code XUJ1Er/FAER:FaceAttribute/FAER/models/convnext.py})
 * computes for each channel a softmax over the H*W positions of the last ConvNeXt stage; the map
 * shown is their mean over channels, so it is itself a distribution over positions (it sums to 1).
 * Computed from the block's own {@link ContextualChannelBlock#attention} on the stage it receives,
 * without gradients.
 */
public final class FaerAttentionMap {
  private final Block model;
  private final StagedModel staged;
  private final ContextualChannelBlock attention;

  /**
   * One image's map.
   *
   * @param rawHeight rows of the attention grid (the last stage's height)
   * @param rawWidth its columns
   * @param raw the channel-mean attention, row-major, summing to 1
   * @param height input height
   * @param width input width
   * @param map {@code raw} bilinearly upsampled to the input and divided by its maximum
   * @param predictedClass the model's top class (first output)
   * @param probability its softmax probability
   */
  public record Result(
      int rawHeight, int rawWidth, float[] raw, int height, int width, float[] map, int predictedClass, float probability) {}

  /** @param faer an initialised {@link Faer} */
  public FaerAttentionMap(Block faer) {
    if (!(faer instanceof Faer) || !(faer instanceof StagedModel s)) {
      throw FerException.badInput("the CC-Attention map needs a FAER model; got " + faer.getClass().getSimpleName());
    }
    this.model = faer;
    this.staged = s;
    this.attention = find(faer);
  }

  /** The CC attention child, searched by type so the view does not depend on FAER's layout. */
  private static ContextualChannelBlock find(Block block) {
    for (Block child : block.getChildren().values()) {
      if (child instanceof ContextualChannelBlock cc) {
        return cc;
      }
      ContextualChannelBlock deeper = child.getChildren().isEmpty() ? null : find(child);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }

  /** Runs the model on a batch (N, C, H, W) and returns each image's attention map. */
  public List<Result> explain(NDArray batch) {
    if (attention == null) {
      throw new FerException(FerException.Kind.INTERNAL, "this FAER model has no ContextualChannelBlock child");
    }
    int n = (int) batch.getShape().get(0);
    int height = (int) batch.getShape().get(2);
    int width = (int) batch.getShape().get(3);
    int cc = staged.stageIndex("attention");
    try (NDManager scope = batch.getManager().newSubManager()) {
      ParameterStore ps = new ParameterStore(scope, false);
      NDArray x = batch.duplicate(); // results of ops live in their input's manager: keep them in scope
      x.attach(scope);
      for (int i = 0; i < cc; i++) {
        x = staged.forwardStage(ps, i, x, false);
      }
      int h = (int) x.getShape().get(2);
      int w = (int) x.getShape().get(3);
      NDArray mean = attention.attention(ps, x, false).mean(new int[] {2}).reshape(n, h, w);
      float[] raw = mean.toFloatArray();
      float[] up = CamMaps.upsample(mean, height, width).toFloatArray();
      NDArray logits = staged.forwardFrom(ps, cc - 1, x, false).head();
      float[] probs = logits.softmax(1).toFloatArray();
      int classes = probs.length / n;
      List<Result> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        float[] p = Arrays.copyOfRange(probs, i * classes, (i + 1) * classes);
        int top = AglfRegionCams.argMax(p);
        out.add(new Result(h, w, Arrays.copyOfRange(raw, i * h * w, (i + 1) * h * w), height, width,
            AglfRegionCams.scaleToMax(Arrays.copyOfRange(up, i * height * width, (i + 1) * height * width)), top, p[top]));
      }
      return out;
    }
  }

  /** The model explained. */
  public Block model() {
    return model;
  }
}

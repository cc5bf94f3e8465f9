package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.models.seed.Aglf;

/**
 * AGLF's own view: the four region classifiers' predictions and one class activation map per
 * region. AGLF ({@link Aglf}, after MA-Net, <a href="https://arxiv.org/abs/2012.14664">
 * arXiv:2012.14664</a>) cuts its trunk map into 2x2 quadrants, each with its own deeper layers and
 * classifier; its outputs are {@code [fused, z_1..z_4]}.
 *
 * <p>Region r's map uses only quadrant r of the {@code regions} stage: the gradient of {@code
 * z_r[c]} (it is zero outside quadrant r, because z_r sees only that quadrant), the channel weights
 * of the chosen method over that quadrant, and the weighted sum of that quadrant's activations,
 * upsampled to the quadrant's pixels of the input. So each map is exactly zero outside its quadrant.
 * Because the four classifiers are independent, one backward pass of {@code sum_r z_r[c]} gives
 * every quadrant its own region's gradient.
 */
public final class AglfRegionCams {
  /** Region names in AGLF's row-major order. */
  public static final List<String> REGIONS = List.of("top-left", "top-right", "bottom-left", "bottom-right");

  private final GradientCam cam;

  /**
   * One image's view.
   *
   * @param fused the usual CAM of the fused prediction at the {@code regions} stage
   * @param regions one map per region for the same class (zero outside the region's quadrant)
   * @param regionProbabilities softmax of each region's logits, {@code [4][classes]}
   */
  public record Result(Explanation fused, List<Explanation> regions, float[][] regionProbabilities) {}

  /**
   * @param aglf an initialised {@link Aglf}
   * @param method Grad-CAM or Grad-CAM++
   */
  public AglfRegionCams(Block aglf, CamMethod method) {
    if (!(aglf instanceof Aglf)) {
      throw FerException.badInput("region CAMs need an AGLF model; got " + aglf.getClass().getSimpleName());
    }
    this.cam = GradientCam.builder().setModel(aglf).optLayer("regions").optMethod(method).build();
  }

  /**
   * Explains a batch.
   *
   * @param batch (N, C, H, W) preprocessed images, H and W divisible by 16
   * @param classes one class per image, or -1 for the fused prediction
   */
  public List<Result> explain(NDArray batch, int[] classes) {
    List<Explanation> fused = cam.explain(batch, classes);
    Shape in = batch.getShape();
    int n = (int) in.get(0);
    int height = (int) in.get(2);
    int width = (int) in.get(3);
    try (NDManager scope = batch.getManager().newSubManager()) {
      GradientCam.Trace t = cam.trace(scope, batch, new int[] {1, 2, 3, 4}, classes);
      Shape a = t.activations().getShape();
      int h = (int) a.get(2);
      int w = (int) a.get(3);
      float[][][] raw = new float[4][n][h * w];
      float[][][] maps = new float[4][n][height * width];
      for (int r = 0; r < 4; r++) {
        int row = r / 2;
        int col = r % 2;
        String window = ":, :, " + row * h / 2 + ":" + (row + 1) * h / 2 + ", " + col * w / 2 + ":" + (col + 1) * w / 2;
        NDArray act = t.activations().get(window);
        NDArray quadrant = CamMaps.weightedSum(act, cam.channelWeights(act, t.gradients().get(window)));
        place(quadrant.toFloatArray(), raw[r], n, h / 2, w / 2, row, col, w);
        NDArray up = CamMaps.upsample(quadrant, height / 2, width / 2);
        place(up.toFloatArray(), maps[r], n, height / 2, width / 2, row, col, width);
      }
      float[][] probs = new float[4][];
      for (int r = 0; r < 4; r++) {
        probs[r] = t.outputs().get(r + 1).softmax(1).toFloatArray();
      }
      return assemble(fused, t.targets(), raw, maps, probs, new int[] {h, w, height, width});
    }
  }

  /** Copies (n, qh, qw) quadrant values into the (row, col) quadrant of n full maps of width fullW. */
  private static void place(float[] values, float[][] target, int n, int qh, int qw, int row, int col, int fullW) {
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < qh; y++) {
        System.arraycopy(values, (i * qh + y) * qw, target[i], (row * qh + y) * fullW + col * qw, qw);
      }
    }
  }

  private List<Result> assemble(
      List<Explanation> fused, int[] targets, float[][][] raw, float[][][] maps, float[][] probs, int[] sizes) {
    int n = targets.length;
    int classes = probs[0].length / n;
    List<Result> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Explanation> regions = new ArrayList<>();
      float[][] regionProbs = new float[4][];
      for (int r = 0; r < 4; r++) {
        regionProbs[r] = Arrays.copyOfRange(probs[r], i * classes, (i + 1) * classes);
        regions.add(new Explanation(
            cam.method(), "regions:" + REGIONS.get(r), targets[i], regionProbs[r][targets[i]], argMax(regionProbs[r]),
            sizes[2], sizes[3], scaleToMax(maps[r][i]), sizes[0], sizes[1], raw[r][i]));
      }
      out.add(new Result(fused.get(i), regions, regionProbs));
    }
    return out;
  }

  /** Divides by the maximum (the minimum is 0 after the ReLU); an all-zero map stays zero. */
  static float[] scaleToMax(float[] map) {
    float max = 0;
    for (float v : map) {
      max = Math.max(max, v);
    }
    float[] out = map.clone();
    if (max > 0) {
      for (int i = 0; i < out.length; i++) {
        out[i] /= max;
      }
    }
    return out;
  }

  static int argMax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The method and layer used. */
  public GradientCam cam() {
    return cam;
  }

}

package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.models.seed.GcsaResNet;

/**
 * GCSA's own view of a clip: one class activation map per frame and the per-frame channel
 * attention of the last GCA block ({@link GcsaResNet}; GCA+IAL, <a
 * href="https://arxiv.org/abs/2208.10335">arXiv:2208.10335</a>).
 *
 * <p>The CAMs differentiate the clip's class score with respect to {@code layer3}'s output of every
 * frame ({@code (B*T, C, h, w)}), so frame t's map shows where in frame t the clip's decision was
 * sensitive. All frames of a clip share one scale (divided by the clip's maximum) so that frames the
 * decision hardly depends on stay dark. The channel attention is the coupled excitation {@code
 * s' = sqrt(s * mean_T(s))} that layer3's GCA multiplies each frame's channels with, read from the
 * model's last output {@code (B, T, 256)}.
 */
public final class GcsaClipCams {
  private final GcsaResNet model;
  private final GradientCam cam;

  /**
   * One clip's view.
   *
   * @param frames T
   * @param height frame height of the input
   * @param width frame width
   * @param maps T maps, each {@code height * width}, in [0,1] on the clip's common scale
   * @param rawHeight layer3 map height
   * @param rawWidth layer3 map width
   * @param channelAttention {@code [T][C]} coupled channel attention of layer3
   * @param classIndex the class explained
   * @param probability its softmax probability for the clip
   * @param predictedClass the clip's top class
   */
  public record Result(
      int frames, int height, int width, List<float[]> maps, int rawHeight, int rawWidth,
      float[][] channelAttention, int classIndex, float probability, int predictedClass) {}

  /** @param gcsa an initialised {@link GcsaResNet}; method Grad-CAM or Grad-CAM++ */
  public GcsaClipCams(Block gcsa, CamMethod method) {
    if (!(gcsa instanceof GcsaResNet g)) {
      throw FerException.badInput("per-frame CAMs need a GCSA model; got " + gcsa.getClass().getSimpleName());
    }
    this.model = g;
    this.cam = GradientCam.builder().setModel(gcsa).optMethod(method).build();
  }

  /**
   * Explains clips.
   *
   * @param clips (B, C, T, H, W) preprocessed clips
   * @param classes one class per clip, or -1 for its prediction
   */
  public List<Result> explain(NDArray clips, int[] classes) {
    Shape s = clips.getShape();
    if (s.dimension() != 5 || classes.length != s.get(0)) {
      throw FerException.badInput("per-frame CAMs need (B, C, T, H, W) clips and one class per clip; got "
          + s + " and " + classes.length + " classes");
    }
    int b = (int) s.get(0);
    int t = (int) s.get(2);
    int height = (int) s.get(3);
    int width = (int) s.get(4);
    try (NDManager scope = clips.getManager().newSubManager()) {
      GradientCam.Trace trace = cam.trace(scope, clips, new int[] {0}, classes);
      NDArray a = trace.activations();
      NDArray raw = CamMaps.weightedSum(a, cam.channelWeights(a, trace.gradients()));
      float[] maps = CamMaps.upsample(raw, height, width).toFloatArray();
      float[] probs = trace.outputs().head().softmax(1).toFloatArray();
      NDArray x = clips.duplicate(); // op results live in their input's manager: keep them in scope
      x.attach(scope);
      NDList outputs = model.forward(new ParameterStore(scope, false), new NDList(x), false);
      NDArray attention = outputs.get(outputs.size() - 1);
      int channels = (int) attention.getShape().get(2);
      float[] att = attention.toFloatArray();
      int classCount = probs.length / b;
      int frame = height * width;
      List<Result> out = new ArrayList<>();
      for (int i = 0; i < b; i++) {
        float[] clipMaps = AglfRegionCams.scaleToMax(Arrays.copyOfRange(maps, i * t * frame, (i + 1) * t * frame));
        List<float[]> perFrame = new ArrayList<>();
        float[][] perFrameAttention = new float[t][];
        for (int f = 0; f < t; f++) {
          perFrame.add(Arrays.copyOfRange(clipMaps, f * frame, (f + 1) * frame));
          int offset = (i * t + f) * channels;
          perFrameAttention[f] = Arrays.copyOfRange(att, offset, offset + channels);
        }
        float[] p = Arrays.copyOfRange(probs, i * classCount, (i + 1) * classCount);
        int target = trace.targets()[i];
        out.add(new Result(t, height, width, perFrame, (int) raw.getShape().get(1), (int) raw.getShape().get(2),
            perFrameAttention, target, p[target], AglfRegionCams.argMax(p)));
      }
      return out;
    }
  }

  /** The method and layer used. */
  public GradientCam cam() {
    return cam;
  }
}

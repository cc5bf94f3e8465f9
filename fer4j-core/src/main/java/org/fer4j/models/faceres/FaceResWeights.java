package org.fer4j.models.faceres;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fer4j.FerException;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanPackage;
import org.fer4j.face.human.TfjsGraph;
import org.fer4j.layers.TorchLayers;
import org.fer4j.weights.LoadReport;
import org.fer4j.weights.TfjsWeights;

/**
 * Loads Human's {@code faceres} weights (HSE MobileNet-v1 pretrained on VGGFace2, from the
 * human-models cache, see {@link HumanPackage}) into a {@link FaceResMobileNet}: the name {@code
 * faceres} of {@code --pretrained} and of the model option {@code pretrained}.
 *
 * <p>The graph's constants are decoded (fp16) and laid out (HWIO to OIHW, depthwise to grouped
 * OIHW, dense to {@code [out,in]}) by {@link TfjsWeights}. Batch norm arrives folded: pointwise and
 * first convolutions carry the scale in their kernels and a bias ({@code .../batchnorm_1/sub});
 * depthwise ones keep a separate per-channel {@code mul} and {@code sub}. Each becomes BatchNorm
 * with running mean 0, running variance {@code 1 - eps} (so the normaliser is exactly 1), weight =
 * the scale (1 when folded) and bias = the bias: the graph's function in eval mode. The new {@code
 * fc} classifier keeps its random initialisation; gender and age heads are not used.
 */
public final class FaceResWeights {
  /** The name that selects these weights. */
  public static final String NAME = "faceres";

  /** The model option a recipe sets to start from these weights ({@code modelOptions.pretrained}). */
  public static final String OPTION = "pretrained";

  /** The same as a recipe path for {@code --set} ({@code modelOptions.pretrained}). */
  public static final String OPTION_KEY = "modelOptions." + OPTION;

  private FaceResWeights() {}

  /** Whether {@code name} names these weights. */
  public static boolean isName(String name) {
    return NAME.equals(name);
  }

  /**
   * Loads the weights a model option asks for ({@code pretrained=faceres}); nothing for no option
   * or {@code none}.
   */
  public static Optional<LoadReport> applyOption(Map<String, String> modelOptions, Block block) {
    String name = modelOptions.getOrDefault(OPTION, "none");
    if (name.equals("none")) {
      return Optional.empty();
    }
    checkOption(name);
    return Optional.of(load(block, HumanPackage.modelsDir(FaceApiPackage.cacheRoot(null))));
  }

  /** Fails for a value of the {@code pretrained} option other than {@code faceres} or {@code none}. */
  static void checkOption(String name) {
    if (!isName(name) && !name.equals("none")) {
      throw FerException.badInput("model option '" + OPTION + "' is '" + name + "'; valid: " + NAME + ", none");
    }
  }

  /**
   * Loads {@code faceres.json} from a human-models folder into an initialised model and marks it
   * for BatchNorm calibration on its first training batch.
   */
  public static LoadReport load(Block block, Path modelsDir) {
    if (!(block instanceof FaceResMobileNet net)) {
      throw FerException.badInput("the '" + NAME + "' weights fit the faceres_mobilenet model only, not "
          + block.getClass().getSimpleName());
    }
    Path file = modelsDir.resolve(HumanPackage.Net.FACERES.modelJson());
    TfjsWeights w = TfjsGraph.read(file).weights();
    List<String> loaded = new ArrayList<>();
    try (NDManager m = NDManager.newBaseManager()) {
      checkRelu6(w, file);
      for (FaceResMobileNet.Unit u : net.units()) {
        boolean depthwise = u.name().startsWith("conv_dw_");
        String bn = u.name() + "_bn/batchnorm_1/";
        NDArray kernel = depthwise
            ? w.depthwise(m, u.name() + "/depthwise_kernel")
            : w.conv2d(m, u.name() + "/convolution/merged_input");
        NDArray bias = w.vector(m, bn + "sub");
        NDArray scale = depthwise ? w.vector(m, bn + "mul") : m.ones(bias.getShape());
        Map<String, Parameter> p = u.bn().getParameters().toMap();
        copy(u.conv().getParameters().get("weight"), kernel, file, u.name());
        copy(p.get("gamma"), scale, file, bn + "mul");
        copy(p.get("beta"), bias, file, bn + "sub");
        copy(p.get("runningMean"), m.zeros(bias.getShape()), file, bn);
        copy(p.get("runningVar"), m.full(bias.getShape(), 1f - TorchLayers.BATCH_NORM_EPS), file, bn);
        loaded.addAll(List.of(u.name() + ".weight", u.name() + "_bn.weight", u.name() + "_bn.bias",
            u.name() + "_bn.running_mean", u.name() + "_bn.running_var"));
      }
      copy(net.feats().getParameters().get("weight"), w.dense(m, "feats/kernel"), file, "feats/kernel");
      copy(net.feats().getParameters().get("bias"), w.vector(m, "feats/bias"), file, "feats/bias");
      loaded.addAll(List.of("feats.weight", "feats.bias"));
    }
    net.markPretrained();
    return new LoadReport(file, "tfjs graph (" + NAME + ")", loaded,
        List.of("gender_pred/kernel", "gender_pred/bias", "age_pred/kernel", "age_pred/bias"),
        List.of("fc.weight", "fc.bias"), List.of(), List.of());
  }

  /** The graph's clip bounds must be those of ReLU6, which the model hard-codes. */
  private static void checkRelu6(TfjsWeights w, Path file) {
    for (String layer : reluLayers()) {
      float upper = w.get(layer + "/Cast").values()[0];
      float lower = w.get(layer + "/Const_1").values()[0];
      if (upper != 6f || lower != 0f) {
        throw FerException.badInput(file + ": node '" + layer + "' clips to [" + lower + ", " + upper
            + "], not ReLU6's [0, 6]; is this Human's faceres model?");
      }
    }
  }

  private static List<String> reluLayers() {
    List<String> out = new ArrayList<>(List.of("conv1_relu"));
    for (int i = 1; i <= FaceResMobileNet.POINTWISE.length; i++) {
      out.add("conv_dw_" + i + "_relu");
      out.add("conv_pw_" + i + "_relu");
    }
    return out;
  }

  private static void copy(Parameter target, NDArray source, Path file, String tensor) {
    NDArray array = target.getArray();
    if (!array.getShape().equals(source.getShape())) {
      throw FerException.badInput(file + ": tensor '" + tensor + "' has shape " + source.getShape()
          + " but " + target.getName() + " needs " + array.getShape());
    }
    array.set(new NDIndex("..."), source);
  }
}

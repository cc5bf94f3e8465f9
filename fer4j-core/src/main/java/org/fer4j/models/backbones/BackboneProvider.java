package org.fer4j.models.backbones;

import java.util.List;
import org.fer4j.data.LabelSpace;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelProvider;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;

/**
 * Registers the torchvision backbones: {@code resnet18}, {@code resnet34}, {@code resnet50}, {@code
 * convnext_tiny} and {@code convnext_base}, each at 224x224 with ImageNet normalisation and 1000
 * ImageNet classes by default.
 *
 * <p>Options read: the class count; for ConvNeXt also {@code drop_path_rate} (timm's name for the
 * stochastic depth probability of the last block; default 0.1 for Tiny, 0.5 for Base).
 */
public final class BackboneProvider implements ModelProvider {
  /** Option key overriding ConvNeXt's stochastic depth probability (timm's name). */
  public static final String DROP_PATH_RATE = "drop_path_rate";

  private static final String RESNET_CITATION =
      "He, Zhang, Ren, Sun. Deep Residual Learning for Image Recognition. CVPR 2016,"
          + " arXiv:1512.03385; layout of torchvision/models/resnet.py";
  private static final String CONVNEXT_CITATION =
      "Liu, Mao, Wu, Feichtenhofer, Darrell, Xie. A ConvNet for the 2020s. CVPR 2022,"
          + " arXiv:2201.03545; layout of torchvision/models/convnext.py";

  @Override
  public List<ModelSpec> specs() {
    return List.of(
        resnet("resnet18", 18),
        resnet("resnet34", 34),
        resnet("resnet50", 50),
        convnext("convnext_tiny", "tiny", "ConvNeXt-Tiny"),
        convnext("convnext_base", "base", "ConvNeXt-Base"));
  }

  private static ModelSpec resnet(String name, int depth) {
    return new ModelSpec(
        name,
        "resnet",
        "ResNet-" + depth + " (torchvision layout)",
        (ModelOptions o) -> ResNet.builder().setDepth(depth).optNumClasses(o.numClasses()).build(),
        PreprocessConfig.imagenet(224),
        LabelSpace.indexed("imagenet", 1000),
        RESNET_CITATION);
  }

  private static ModelSpec convnext(String name, String variant, String title) {
    double defaultRate = ConvNeXtConfig.variant(variant).stochasticDepthProb();
    return new ModelSpec(
        name,
        "convnext",
        title + " (torchvision layout)",
        (ModelOptions o) ->
            ConvNeXt.builder()
                .setVariant(variant)
                .optNumClasses(o.numClasses())
                .optStochasticDepthProb((float) o.getDouble(DROP_PATH_RATE, defaultRate))
                .build(),
        PreprocessConfig.imagenet(224),
        LabelSpace.indexed("imagenet", 1000),
        CONVNEXT_CITATION);
  }
}

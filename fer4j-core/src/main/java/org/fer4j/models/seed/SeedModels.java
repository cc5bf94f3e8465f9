package org.fer4j.models.seed;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.layers.attention.AttentionOptions;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelProvider;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.models.backbones.ResNet;
import org.fer4j.models.backbones.ResNetBlock;

/**
 * Registers the four seed architectures and the attention baselines (listed in {@code
 * META-INF/services/org.fer4j.models.ModelProvider}). Options each factory reads:
 *
 * <ul>
 *   <li>{@code gcsa_resnet18}: {@code frames} (16), {@code size} (112), {@code squeeze}
 *       (gconv|avg|both), {@code reduction} (16);
 *   <li>{@code aglf_*}: {@code drop_rate} (0.5), {@code layer4} (false, ResNet-50 only), {@code
 *       width} (64: channels of the stem and layer1, doubled per layer; a multiple of 8), {@code
 *       reduction};
 *   <li>{@code faer_*}: {@code heads} (expression|attributes|joint), {@code attributes} (40),
 *       {@code drop_path_rate} (0; ConvNeXt's stochastic depth at the last block, 0.25 in the
 *       public FAER code and the {@code faer-*} paper recipes);
 *   <li>{@code lnlj}: {@code regions} (4|9), {@code overlap} (0), {@code fusion}
 *       (features|logits|losses|uniform|late|nonlocal_only, see {@link LnljFusion}), {@code
 *       nonlocal_head} (false), {@code regions_from}
 *       (unet|image), {@code unet_depth} (4), {@code unet_width} (16); {@code lnlj_late_fusion}
 *       and {@code lnlj_nonlocal_only} are {@code lnlj} with the fusion fixed (docs/methods.md#lnlj
 *       ablations "late fusion without feedback" and "non-local network alone");
 *   <li>{@code se_/eca_/cbam_resnet18}: {@code reduction} (ResNet-50 variants are built with
 *       {@link ResNet.Builder#optAttention} directly; they are not registered, to keep the
 *       registry tests fast).
 * </ul>
 */
public final class SeedModels implements ModelProvider {
  /** Depths of the registered attention baselines (50 works too, but slows the registry test). */
  private static final int[] BASELINE_DEPTHS = {18};

  private static final String IAL = "Li et al., AAAI 2023, arXiv:2208.10335 (GCA+IAL)";
  private static final String MANET = "seed 001 (AGLF) after MA-Net, Zhao et al., IEEE TIP 2021";
  private static final String FAER = "Xu et al., J. Computer Applications 45(1), 2025 (FAER)";
  private static final String LNLJ = "Shi et al., MIR 21(2), 2024, arXiv:2203.14045 (LNLJ)";

  /** The LNLJ ablations registered under their own names, with their descriptions. */
  private static final Map<LnljFusion, String> LNLJ_ABLATIONS =
      new EnumMap<>(
          Map.of(
              LnljFusion.NONLOCAL_ONLY,
              "LNLJ ablation: U-Net + non-local network alone, no local part",
              LnljFusion.LATE,
              "LNLJ ablation: region decisions mixed by the weights, no feedback"));

  @Override
  public List<ModelSpec> specs() {
    List<ModelSpec> specs = new ArrayList<>();
    LabelSpace seven = LabelSpace.EXPRESSION_7;
    specs.add(
        new ModelSpec(
            "gcsa_resnet18",
            "gcsa",
            "GCSA ResNet-18 clip model + CAI heads (seed 000)",
            SeedModels::gcsa,
            PreprocessConfig.unitRange(112, 16),
            seven,
            IAL));
    specs.add(
        new ModelSpec(
            "aglf_resnet50",
            "aglf",
            "ECA + 2x2 regions with CBAM ResNet-50 stages (seed 001)",
            o -> aglf(50, o),
            PreprocessConfig.unitRange(224, 1),
            seven,
            MANET));
    specs.add(
        new ModelSpec(
            "aglf_resnet18",
            "aglf",
            "AGLF at MA-Net size (ResNet-18 regions)",
            o -> aglf(18, o),
            PreprocessConfig.unitRange(224, 1),
            seven,
            MANET));
    specs.add(
        new ModelSpec(
            "faer_convnext_tiny",
            "faer",
            "ConvNeXt-T + CC attention, expression/attribute heads",
            o -> faer("tiny", o),
            PreprocessConfig.imagenet(224),
            seven,
            FAER));
    specs.add(
        new ModelSpec(
            "faer_convnext_base",
            "faer",
            "ConvNeXt-B + CC attention (seed 002)",
            o -> faer("base", o),
            PreprocessConfig.imagenet(224),
            seven,
            FAER));
    specs.add(
        new ModelSpec(
            "lnlj",
            "lnlj",
            "U-Net + K local nets + non-local region weights (seed 003)",
            SeedModels::lnlj,
            PreprocessConfig.unitRange(112, 1),
            seven,
            LNLJ));
    for (LnljFusion ablation : LNLJ_ABLATIONS.keySet()) {
      specs.add(
          new ModelSpec(
              "lnlj_" + (ablation == LnljFusion.LATE ? "late_fusion" : ablation.key()),
              "lnlj",
              LNLJ_ABLATIONS.get(ablation),
              o -> lnlj(o, ablation),
              PreprocessConfig.unitRange(112, 1),
              seven,
              LNLJ));
    }
    for (String key : List.of("se", "eca", "cbam")) {
      for (int depth : BASELINE_DEPTHS) {
        specs.add(
            new ModelSpec(
                key + "_resnet" + depth,
                "resnet",
                key.toUpperCase(Locale.ROOT)
                    + " attention in every residual unit of ResNet-"
                    + depth,
                o ->
                    ResNet.builder()
                        .setDepth(depth)
                        .optAttention(new ResNetBlock.Attention(key, attention(o)))
                        .optNumClasses(o.numClasses())
                        .build(),
                PreprocessConfig.imagenet(224),
                seven,
                citation(key)));
      }
    }
    return specs;
  }

  private static String citation(String key) {
    return switch (key) {
      case "se" -> "Hu et al., CVPR 2018, arXiv:1709.01507";
      case "eca" -> "Wang et al., CVPR 2020, arXiv:1910.03151";
      default -> "Woo et al., ECCV 2018, arXiv:1807.06521";
    };
  }

  /**
   * The attention settings in a model's options: {@code reduction}, {@code frames}, {@code
   * squeeze}; the auxiliary head gets the model's class count.
   */
  static AttentionOptions attention(ModelOptions o) {
    AttentionOptions d = AttentionOptions.defaults();
    return new AttentionOptions(
        o.getInt("reduction", d.reduction()), o.getInt("frames", d.frames()), o.get("squeeze", d.squeeze()),
        o.numClasses());
  }

  static GcsaResNet gcsa(ModelOptions o) {
    return GcsaResNet.builder()
        .optNumClasses(o.numClasses())
        .optFrames(o.getInt("frames", 16))
        .optSize(o.getInt("size", 112))
        .optOptions(attention(o))
        .build();
  }

  static Aglf aglf(int depth, ModelOptions o) {
    return Aglf.builder()
        .setDepth(depth)
        .optNumClasses(o.numClasses())
        .optDropout((float) o.getDouble("drop_rate", 0.5))
        .optLayer4(bool(o, "layer4", false))
        .optWidth(o.getInt("width", 64))
        .optOptions(attention(o))
        .build();
  }

  static Faer faer(String variant, ModelOptions o) {
    return Faer.builder()
        .setVariant(variant)
        .optNumClasses(o.numClasses())
        .optNumAttributes(o.getInt("attributes", 40))
        .optHeads(o.get("heads", "expression"))
        .optDropPath(o.getDouble("drop_path_rate", 0))
        .build();
  }

  static Lnlj lnlj(ModelOptions o) {
    return lnlj(o, null);
  }

  /** LNLJ with the fusion a registered ablation name fixes (null: option {@code fusion}). */
  static Lnlj lnlj(ModelOptions o, LnljFusion fixed) {
    String fusion = o.get("fusion", fixed == null ? "features" : fixed.key());
    if (fixed != null && !fixed.key().equals(fusion.toLowerCase(Locale.ROOT))) {
      throw FerException.badInput(
          "model option fusion="
              + fusion
              + " contradicts this LNLJ ablation (fusion "
              + fixed.key()
              + "); drop the option or use the model lnlj");
    }
    return Lnlj.builder()
        .optNumClasses(o.numClasses())
        .optRegions(o.getInt("regions", 4))
        .optOverlap(o.getDouble("overlap", 0))
        .optFusion(fusion)
        .optNonLocalHead(bool(o, "nonlocal_head", false))
        .optRegionsFrom(o.get("regions_from", "unet"))
        .optUnet(o.getInt("unet_depth", 4), o.getInt("unet_width", 16))
        .build();
  }

  private static boolean bool(ModelOptions o, String key, boolean dflt) {
    String v = o.get(key, Boolean.toString(dflt)).trim().toLowerCase(Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw FerException.badInput(
          "model option '" + key + "' must be true or false, was '" + v + "'");
    }
    return v.equals("true");
  }
}

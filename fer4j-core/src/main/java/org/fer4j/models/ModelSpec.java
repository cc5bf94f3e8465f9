package org.fer4j.models;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.PreprocessConfig;
import org.fer4j.data.transforms.ModelInput;

/**
 * A registered model: how to build it and how its input must look.
 *
 * @param name registry key, e.g. {@code resnet18}
 * @param family model family, e.g. {@code resnet}
 * @param description one line for {@code ./fer models}
 * @param factory builds the block
 * @param preprocess default input size, channels, normalisation and frames
 * @param labels the default label space of the main head
 * @param citation paper or source the architecture follows
 */
public record ModelSpec(
    String name,
    String family,
    String description,
    ModelFactory factory,
    PreprocessConfig preprocess,
    LabelSpace labels,
    String citation) {

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(preprocess, "preprocess");
    Objects.requireNonNull(labels, "labels");
  }

  /** Builds the block with the spec's default class count. */
  public Block build() {
    return factory.create(ModelOptions.of(labels.size()));
  }

  public Block build(ModelOptions options) {
    return factory.create(options);
  }

  /**
   * Builds the block with {@code classes} outputs and {@code options} and initialises it for input
   * {@code p}; clip models get their frame count and size from {@code p} unless the options name
   * them.
   */
  public Block buildInitialized(int classes, Map<String, String> options, PreprocessConfig p, NDManager manager) {
    Map<String, String> withInput = new LinkedHashMap<>(options);
    if (p.frames() > 1) {
      withInput.putIfAbsent("frames", Integer.toString(p.frames()));
      withInput.putIfAbsent("size", Integer.toString(p.width()));
    }
    Block block = build(new ModelOptions(classes, withInput));
    block.initialize(manager, DataType.FLOAT32, ModelInput.shape(p));
    return block;
  }

  /**
   * The stage Grad-CAM uses by default, as the model names it ({@link StagedModel#camLayer()}), or
   * null for a model without stages. Builds the block without initialising it (no arrays).
   */
  public String camLayer() {
    return build() instanceof StagedModel staged ? staged.camLayer() : null;
  }
}

package org.fer4j.run;

import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.transforms.AugmentStep;
import org.fer4j.data.transforms.Augmentations;

/**
 * Everything a training run is made of, immutable. Loaded from a JSON recipe in {@code recipes/}
 * and overridden by {@code --set key=value} flags ({@link TrainConfigs}); saved into the run's
 * {@code config.json} with provenance, as Tribuo records its trainers' configuration.
 *
 * @param name run name prefix
 * @param model registered model name
 * @param modelOptions model options (attention key, regions, ...)
 * @param numClasses classes of the main head
 * @param data data set format, folder and reader options
 * @param augment training augmentation steps in order ({@link Augmentations}); a recipe without
 *     this section gets {@link Augmentations#DEFAULT}, and the saved config.json always holds the
 *     resolved list with every parameter
 * @param augmentSource where the augmentation comes from (paper, code file, or fer4j's choice
 *     and why)
 * @param epochs epochs to train
 * @param batchSize images (or clips) per step
 * @param optimizer optimiser and its hyper-parameters
 * @param schedule learning-rate schedule
 * @param loss loss name and weights
 * @param gradClip maximum global gradient norm, 0 = no clipping
 * @param labelSmoothing label smoothing epsilon, 0 = none
 * @param balancedSampling draw classes with equal probability
 * @param emaDecay exponential moving average of weights, 0 = off
 * @param selectMetric validation metric for the "best" checkpoint: war, uar, macro_f1, mean_attr
 * @param seed seed of every random generator
 * @param workers data loading threads
 * @param target the paper's reported figure this recipe aims at, shown in reports
 */
public record TrainConfig(
    String name,
    String model,
    Map<String, String> modelOptions,
    int numClasses,
    DataConfig data,
    List<AugmentStep> augment,
    String augmentSource,
    int epochs,
    int batchSize,
    OptimizerConfig optimizer,
    ScheduleConfig schedule,
    LossConfig loss,
    double gradClip,
    double labelSmoothing,
    boolean balancedSampling,
    double emaDecay,
    String selectMetric,
    long seed,
    int workers,
    PaperTarget target) {

  public TrainConfig {
    modelOptions = modelOptions == null ? Map.of() : Map.copyOf(modelOptions);
    require(name != null && !name.isBlank(), "name", "must not be empty");
    require(model != null && !model.isBlank(), "model", "must name a registered model");
    require(numClasses >= 1, "numClasses", "must be >= 1, was " + numClasses);
    require(epochs >= 1, "epochs", "must be >= 1, was " + epochs);
    require(batchSize >= 1, "batchSize", "must be >= 1, was " + batchSize);
    require(gradClip >= 0, "gradClip", "must be >= 0 (0 = off), was " + gradClip);
    require(labelSmoothing >= 0 && labelSmoothing < 1, "labelSmoothing", "must be in [0,1), was " + labelSmoothing);
    require(emaDecay >= 0 && emaDecay < 1, "emaDecay", "must be in [0,1) (0 = off), was " + emaDecay);
    require(workers >= 0, "workers", "must be >= 0, was " + workers);
    require(data != null, "data", "is required");
    if (augment == null) {
      // Runs saved before recipes named their augmentation trained with the default pipeline.
      augment = Augmentations.DEFAULT;
      augmentSource = augmentSource == null ? Augmentations.DEFAULT_SOURCE : augmentSource;
    }
    augment = Augmentations.resolve(augment, "augment");
    augmentSource = augmentSource == null ? "" : augmentSource;
    require(optimizer != null, "optimizer", "is required");
    require(schedule != null, "schedule", "is required");
    require(loss != null, "loss", "is required");
    selectMetric = selectMetric == null ? "war" : selectMetric;
    require(
        List.of("war", "uar", "macro_f1", "mean_attr").contains(selectMetric),
        "selectMetric",
        "must be one of war, uar, macro_f1, mean_attr; was '" + selectMetric + "'");
  }

  /** This config with other data settings (a fold, the data folder actually used). */
  public TrainConfig withData(DataConfig newData) {
    return new TrainConfig(name, model, modelOptions, numClasses, newData, augment, augmentSource, epochs, batchSize,
        optimizer, schedule, loss, gradClip, labelSmoothing, balancedSampling, emaDecay, selectMetric, seed, workers,
        target);
  }

  static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw FerException.badInput("training config field '" + field + "' " + problem);
    }
  }

  /**
   * Where the data comes from.
   *
   * @param format reader name (rafdb, dfew, synth...)
   * @param root folder as the user downloaded it
   * @param options reader options (fold, mode, layout...)
   * @param inputSize square input size fed to the model
   * @param frames frames per clip (1 for images)
   * @param valFraction share of the training split held out for validation (0 = use the val split)
   */
  public record DataConfig(
      String format, String root, Map<String, String> options, int inputSize, int frames, double valFraction) {
    public DataConfig {
      options = options == null ? Map.of() : Map.copyOf(options);
      require(format != null && !format.isBlank(), "data.format", "must name a data set reader");
      require(inputSize >= 16, "data.inputSize", "must be >= 16, was " + inputSize);
      frames = Math.max(frames, 1);
      require(valFraction >= 0 && valFraction < 1, "data.valFraction", "must be in [0,1), was " + valFraction);
    }
  }

  /**
   * Optimiser hyper-parameters.
   *
   * @param type sgd or adamw
   * @param lr base learning rate (heads and attention)
   * @param momentum SGD momentum
   * @param nesterov Nesterov momentum for SGD
   * @param weightDecay L2 (SGD) or decoupled (AdamW) weight decay
   * @param backboneLrScale backbone learning rate = lr x this (FAER's code uses 0.01)
   */
  public record OptimizerConfig(
      String type, double lr, double momentum, boolean nesterov, double weightDecay, double backboneLrScale) {
    public OptimizerConfig {
      require(type != null && (type.equals("sgd") || type.equals("adamw")), "optimizer.type", "must be sgd or adamw; was '" + type + "'");
      require(lr > 0, "optimizer.lr", "must be > 0, was " + lr);
      require(weightDecay >= 0, "optimizer.weightDecay", "must be >= 0, was " + weightDecay);
      backboneLrScale = backboneLrScale == 0 ? 1 : backboneLrScale;
      require(backboneLrScale > 0, "optimizer.backboneLrScale", "must be > 0, was " + backboneLrScale);
    }
  }

  /**
   * Learning-rate schedule, stepped per epoch (as the papers' StepLR/ExponentialLR) with an
   * optional linear warm-up measured in epochs.
   *
   * @param type none, step, exponential or cosine
   * @param stepSize epochs between decays for step
   * @param gamma decay factor for step and exponential
   * @param warmupEpochs linear warm-up from lr/100 over this many epochs
   * @param minLr the floor cosine decays to
   */
  public record ScheduleConfig(String type, int stepSize, double gamma, int warmupEpochs, double minLr) {
    public ScheduleConfig {
      require(
          List.of("none", "step", "exponential", "cosine").contains(type),
          "schedule.type",
          "must be one of none, step, exponential, cosine; was '" + type + "'");
      require(!type.equals("step") || stepSize >= 1, "schedule.stepSize", "must be >= 1 for a step schedule");
      require(warmupEpochs >= 0, "schedule.warmupEpochs", "must be >= 0, was " + warmupEpochs);
    }
  }

  /**
   * The loss and its weights.
   *
   * @param type ce, cai, joint_region, faer, faer_attributes, lnlj
   * @param weights named weights (e.g. aux=0.05, intensity=0.1, center=0.01)
   */
  public record LossConfig(String type, Map<String, Double> weights) {
    public LossConfig {
      require(type != null && !type.isBlank(), "loss.type", "must name a loss");
      weights = weights == null ? Map.of() : Map.copyOf(weights);
    }
  }

  /**
   * The published figure a recipe aims at.
   *
   * @param metric war, uar or mean_attr
   * @param value the paper's number in percent
   * @param source paper and table
   */
  public record PaperTarget(String metric, double value, String source) {}
}

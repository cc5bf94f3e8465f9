package org.fer4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.loss.Loss;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.fer4j.FerException;
import org.fer4j.losses.CaiLoss;
import org.fer4j.losses.CenterLoss;
import org.fer4j.losses.CrossEntropy;
import org.fer4j.losses.ExpressionCenterLoss;
import org.fer4j.losses.FocalBceLoss;
import org.fer4j.losses.JointRegionLoss;
import org.fer4j.losses.LnljLoss;
import org.fer4j.train.optim.AdamW;
import org.fer4j.train.optim.FerOptimizer;
import org.fer4j.train.optim.Sgd;
import org.fer4j.run.TrainConfig;

/** Turns the named parts of a {@link TrainConfig} (loss, optimiser) into objects. */
public final class TrainParts {
  /** Loss types a recipe may name. */
  public static final java.util.List<String> LOSSES =
      java.util.List.of("ce", "cai", "joint_region", "lnlj", "faer", "faer_attributes");

  private TrainParts() {}

  /**
   * The loss of a config, with the config's label smoothing on every hard-label cross-entropy term
   * (soft FERPlus targets are already distributions and are not smoothed again).
   * {@code featureDim} is the pooled feature size (FAER's center loss);
   * {@code regions} the region count of AGLF/LNLJ.
   */
  public static TrainLoss loss(TrainConfig c, NDManager manager, int featureDim, int regions) {
    Map<String, Double> w = c.loss().weights();
    double smoothing = c.labelSmoothing();
    return switch (c.loss().type()) {
      case "ce" -> (out, y, t) ->
          t != null // soft labels (FERPlus probability mode) when the data set has them
              ? CrossEntropy.soft(out.get(0), t)
              : smoothing > 0 ? CrossEntropy.smoothed(out.get(0), y, smoothing) : CrossEntropy.mean(out.get(0), y);
      case "cai" -> of(CaiLoss.builder()
          .optAuxWeights(w.getOrDefault("aux", 0.05), w.getOrDefault("aux3", 0.0))
          .optIntensityWeight(w.getOrDefault("intensity", 0.1))
          .optLabelSmoothing(smoothing)
          .build());
      case "joint_region" -> of(JointRegionLoss.of(regions).withLabelSmoothing(smoothing));
      case "lnlj" -> of(lnlj(c, regions, smoothing));
      case "faer" -> centered(new ExpressionCenterLoss(
          CenterLoss.builder().setManager(manager).setNumClasses(c.numClasses()).setFeatureDim(featureDim).build(),
          w.getOrDefault("center", 0.01), smoothing));
      case "faer_attributes" -> {
        if (smoothing > 0) {
          throw FerException.badInput("training config field 'labelSmoothing' does not apply to loss 'faer_attributes'"
              + " (independent binary attributes); set labelSmoothing=0");
        }
        // No alpha weight means the paper's Eq. 7, whose two terms are unweighted.
        FocalBceLoss.Builder focal = FocalBceLoss.builder().optGamma(w.getOrDefault("gamma", 2.0));
        if (w.containsKey("alpha")) {
          focal.optAlpha(w.get("alpha"));
        }
        FocalBceLoss attributes = focal.build();
        yield (out, y, t) -> attributes.evaluate(new NDList(t), out);
      }
      default -> throw FerException.badInput(
          "training config field 'loss.type' is '" + c.loss().type() + "'; valid: " + LOSSES);
    };
  }

  /**
   * LNLJ's loss for the model's fusion: {@code losses} weighs the region losses by the region
   * weights. A non-local term needs the non-local head, and the head needs the term: the model
   * must never return an output nothing trains.
   */
  private static LnljLoss lnlj(TrainConfig c, int regions, double smoothing) {
    double nonLocal = c.loss().weights().getOrDefault("nonlocal", 0.0);
    boolean head = Boolean.parseBoolean(c.modelOptions().getOrDefault("nonlocal_head", "false"));
    if ((nonLocal > 0) != head) {
      throw FerException.badInput("training config: loss weight 'nonlocal' is " + nonLocal
          + " but model option nonlocal_head is " + head + "; set both (the head and the loss term that"
          + " trains it) or neither");
    }
    String fusion = c.modelOptions().getOrDefault("fusion", "features");
    return LnljLoss.builder().setRegions(regions).optLabelSmoothing(smoothing)
        .optRegionWeight(c.loss().weights().getOrDefault("regions", 1.0))
        .optNonLocalWeight(nonLocal)
        .optWeightedRegions(fusion.equalsIgnoreCase("losses")).build();
  }

  /** FAER's loss, whose class centres are checkpointed as {@code loss/centers}. */
  private static TrainLoss centered(ExpressionCenterLoss loss) {
    String key = TrainLoss.STATE_PREFIX + "centers";
    return new TrainLoss() {
      @Override
      public NDArray compute(NDList out, NDArray y, NDArray t) {
        return loss.trainingLoss(new NDList(y), out);
      }

      @Override
      public Map<String, NDArray> state() {
        return Map.of(key, loss.center().centers());
      }

      @Override
      public void loadState(Map<String, float[]> saved) {
        float[] centers = saved.get(key);
        if (centers == null) {
          throw FerException.badInput("the checkpoint has no '" + key + "' for the center loss"
              + " (written by a fer4j version that did not save them); the run cannot resume exactly");
        }
        loss.center().setCenters(centers);
      }
    };
  }

  private static TrainLoss of(Loss loss) {
    return (out, y, t) -> loss.evaluate(new NDList(y), out);
  }

  /**
   * The optimiser of a config; the backbone gets {@code lr x backboneLrScale}, parameters whose
   * name marks them as a head or attention module get the full rate (FAER's code does this).
   */
  public static FerOptimizer optimizer(TrainConfig c, NDManager manager) {
    TrainConfig.OptimizerConfig o = c.optimizer();
    double scale = o.backboneLrScale();
    ToDoubleFunction<String> lrScale = scale == 1 ? n -> 1 : n -> isHeadOrAttention(n) ? 1 : scale;
    return switch (o.type()) {
      case "sgd" -> new Sgd(manager, lrScale, o.momentum(), o.weightDecay(), o.nesterov());
      case "adamw" -> new AdamW(manager, lrScale, o.weightDecay());
      default -> throw FerException.badInput("optimizer.type must be sgd or adamw, was " + o.type());
    };
  }

  static boolean isHeadOrAttention(String name) {
    return name.startsWith("fc.") || name.startsWith("head") || name.startsWith("classifier")
        || name.startsWith("attr_head") || name.contains("attention") || name.contains("cca");
  }

  /** Parameters that train (BatchNorm running statistics are updated by the forward pass). */
  public static Map<String, Parameter> trainable(Map<String, Parameter> all) {
    Map<String, Parameter> out = new java.util.LinkedHashMap<>();
    all.forEach((k, p) -> {
      if (p.requiresGradient()) {
        out.put(k, p);
      }
    });
    return out;
  }

  /** Clip batches come as (N, T, C, H, W); the clip models take PyTorch's video layout (N, C, T, H, W). */
  public static NDArray toModelLayout(NDArray x) {
    return x.getShape().dimension() == 5 ? x.transpose(0, 2, 1, 3, 4) : x;
  }
}

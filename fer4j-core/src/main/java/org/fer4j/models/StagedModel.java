package org.fer4j.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;

/**
 * A network made of named stages followed by a head, so it can be cut anywhere: AGLF cuts a
 * backbone after a middle stage, GCSA attaches attention per stage, Grad-CAM differentiates the
 * class score with respect to one stage's output (DJL has no forward hooks, so this split is how
 * fer4j reaches intermediate activations; timm's {@code forward_features}/{@code forward_head}).
 *
 * <p>Running every stage in order and then the head must give exactly the block's forward output.
 */
public interface StagedModel {

  /** Stage names in execution order, e.g. {@code stem, layer1, layer2, layer3, layer4}. */
  List<String> stageNames();

  /** Runs one stage on the output of the previous one (or on the input for stage 0). */
  NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training);

  /** Runs the head on the last stage's output; the logits come first in the returned list. */
  NDList forwardHead(ParameterStore ps, NDArray lastStageOutput, boolean training);

  /** The stage Grad-CAM uses by default. */
  String camLayer();

  /** The figure {@code explain --view} draws for this model beyond its CAM overlays. */
  default ModelView view() {
    return ModelView.NONE;
  }

  /** Face regions the model's heads score separately (AGLF, LNLJ); 0 for a single-head model. */
  default int regions() {
    return 0;
  }

  /** Index of a stage by name; an unknown name is an error that lists the valid ones. */
  default int stageIndex(String name) {
    int i = stageNames().indexOf(name);
    if (i < 0) {
      throw FerException.badInput("unknown stage '" + name + "'; stages: " + stageNames());
    }
    return i;
  }

  /** Every stage's output, in order. */
  default NDList forwardFeatures(ParameterStore ps, NDArray x, boolean training) {
    List<NDArray> out = new ArrayList<>();
    NDArray cur = x;
    for (int i = 0; i < stageNames().size(); i++) {
      cur = forwardStage(ps, i, cur, training);
      out.add(cur);
    }
    return new NDList(out);
  }

  /** Runs the stages after {@code stage} and then the head, starting from that stage's output. */
  default NDList forwardFrom(ParameterStore ps, int stage, NDArray stageOutput, boolean training) {
    NDArray cur = stageOutput;
    for (int i = stage + 1; i < stageNames().size(); i++) {
      cur = forwardStage(ps, i, cur, training);
    }
    return forwardHead(ps, cur, training);
  }
}

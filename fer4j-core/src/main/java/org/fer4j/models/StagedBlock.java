package org.fer4j.models;

import ai.djl.ndarray.NDList;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * The part every registered {@link StagedModel} network shares: its stage names, the stage
 * Grad-CAM uses and the view it has, fixed at construction, and a forward pass that runs every
 * stage and then the head. Subclasses add their children and the stage and head code.
 */
public abstract class StagedBlock extends AbstractBlock implements StagedModel {
  private final List<String> stageNames;
  private final String camLayer;
  private final ModelView view;

  /**
   * @param stageNames the stages in execution order
   * @param camLayer one of them, the stage Grad-CAM explains by default
   * @param view the figure {@code explain --view} draws for this model
   */
  protected StagedBlock(List<String> stageNames, String camLayer, ModelView view) {
    this.stageNames = List.copyOf(stageNames);
    if (!this.stageNames.contains(camLayer)) {
      throw new IllegalArgumentException("cam layer " + camLayer + " is not a stage of " + stageNames);
    }
    this.camLayer = camLayer;
    this.view = view;
  }

  @Override
  public final List<String> stageNames() {
    return stageNames;
  }

  @Override
  public final String camLayer() {
    return camLayer;
  }

  @Override
  public final ModelView view() {
    return view;
  }

  /** Every stage in order, then the head: the contract {@link StagedModel} states. */
  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return forwardFrom(ps, -1, inputs.head(), training);
  }
}

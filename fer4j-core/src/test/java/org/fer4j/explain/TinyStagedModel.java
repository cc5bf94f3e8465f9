package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.fer4j.models.StagedModel;

/**
 * A network small enough to differentiate by hand: stage {@code conv} is a bias-free 1x1
 * convolution (2 -> 2 channels, weights {@code C}), stage {@code square} squares every element, the
 * head averages over space and applies a linear layer ({@code F}, bias {@code b}, 3 classes).
 * Squaring makes the gradient at {@code conv} vary over space, so Grad-CAM++'s pixel weights
 * differ from Grad-CAM's.
 */
final class TinyStagedModel extends AbstractBlock implements StagedModel {
  static final float[][] C = {{1f, 0f}, {0.5f, -1f}};
  static final float[][] F = {{1f, -1f}, {0.5f, 2f}, {-1f, 1f}};
  static final float[] B = {0f, 0.1f, -0.2f};

  private final Block conv;
  private final Block fc;

  TinyStagedModel() {
    conv = addChildBlock("conv", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(2).optBias(false).build());
    fc = addChildBlock("fc", Linear.builder().setUnits(3).build());
  }

  /** Initialises for (N, 2, H, W) input and writes C, F and b into the parameters. */
  void initializeWithHandWeights(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1, 2, 3, 3));
    conv.getParameters().get("weight").getArray().set(new float[] {C[0][0], C[0][1], C[1][0], C[1][1]});
    fc.getParameters().get("weight").getArray().set(new float[] {F[0][0], F[0][1], F[1][0], F[1][1], F[2][0], F[2][1]});
    fc.getParameters().get("bias").getArray().set(B);
  }

  @Override
  public List<String> stageNames() {
    return List.of("conv", "square");
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    return stage == 0 ? conv.forward(ps, new NDList(x), training).head() : x.mul(x);
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray last, boolean training) {
    NDArray pooled = last.mean(new int[] {3}).mean(new int[] {2});
    return fc.forward(ps, new NDList(pooled), training);
  }

  @Override
  public String camLayer() {
    return "square";
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return forwardFrom(ps, -1, inputs.head(), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape in = inputShapes[0];
    conv.initialize(manager, dataType, in);
    fc.initialize(manager, dataType, new Shape(in.get(0), 2));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), 3)};
  }
}

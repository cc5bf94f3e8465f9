package org.fer4j.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.fer4j.layers.Lambda;
import org.fer4j.layers.TorchLayers;
import org.fer4j.models.StagedModel;

/**
 * A three-stage CNN cheap enough to train inside a unit test on 2 busy cores: each stage is a 3x3
 * convolution, BatchNorm and ReLU ({@code conv1} 16 channels at stride 2, {@code conv2} 32 at
 * stride 2, {@code conv3} 64 at stride 1, so little work runs at full resolution), then global
 * average pooling and a linear head. At 64x64 input {@code conv3} is 16x16: a CAM there resolves
 * 4-pixel cells.
 */
final class SmallConvNet extends AbstractBlock implements StagedModel {
  private static final int[][] STAGES = {{16, 2}, {32, 2}, {64, 1}};
  private final SequentialBlock[] stages = new SequentialBlock[STAGES.length];
  private final Linear fc;

  SmallConvNet(int classes) {
    for (int i = 0; i < STAGES.length; i++) {
      stages[i] = addChildBlock("conv" + (i + 1), new SequentialBlock()
          .add(TorchLayers.conv2d(STAGES[i][0], 3, STAGES[i][1], 1, 1, false))
          .add(TorchLayers.batchNorm2d())
          .add(Lambda.relu()));
    }
    fc = addChildBlock("fc", TorchLayers.linear(classes));
  }

  @Override
  public List<String> stageNames() {
    return List.of("conv1", "conv2", "conv3");
  }

  @Override
  public NDArray forwardStage(ParameterStore ps, int stage, NDArray x, boolean training) {
    return stages[stage].forward(ps, new NDList(x), training).head();
  }

  @Override
  public NDList forwardHead(ParameterStore ps, NDArray last, boolean training) {
    return fc.forward(ps, new NDList(last.mean(new int[] {3}).mean(new int[] {2})), training);
  }

  @Override
  public String camLayer() {
    return "conv3";
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return forwardFrom(ps, -1, inputs.head(), training);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = inputShapes[0];
    for (SequentialBlock s : stages) {
      s.initialize(manager, dataType, cur);
      cur = s.getOutputShapes(new Shape[] {cur})[0];
    }
    fc.initialize(manager, dataType, new Shape(cur.get(0), cur.get(1)));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {new Shape(inputShapes[0].get(0), fc.getOutputShapes(new Shape[] {new Shape(1, 64)})[0].get(1))};
  }
}

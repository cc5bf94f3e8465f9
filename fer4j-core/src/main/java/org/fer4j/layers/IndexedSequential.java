package org.fer4j.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A chain of blocks whose children are named "0", "1", ... like PyTorch's {@code nn.Sequential}, so
 * that parameter paths follow torchvision's {@code state_dict()} keys (DJL's own {@code
 * SequentialBlock} names children after their class). Parameter-free members (activations,
 * permutes) must be added too, so that the indices of the following members stay the same as in
 * PyTorch.
 */
public class IndexedSequential extends AbstractBlock {
  private final List<Block> members = new ArrayList<>();

  /** Appends a block under the next index and returns this chain. */
  public IndexedSequential add(Block block) {
    addChildBlock(Integer.toString(members.size()), block);
    members.add(block);
    return this;
  }

  /** Appends every block in order. */
  public IndexedSequential addAll(Block... blocks) {
    for (Block b : blocks) {
      add(b);
    }
    return this;
  }

  /** The member at PyTorch index {@code index}. */
  public Block get(int index) {
    return members.get(index);
  }

  /** Number of members. */
  public int size() {
    return members.size();
  }

  /** The members in order (read-only). */
  public List<Block> members() {
    return Collections.unmodifiableList(members);
  }

  /** Runs members {@code from} (inclusive) to {@code to} (exclusive) on {@code x}. */
  public NDArray forwardRange(ParameterStore ps, NDArray x, boolean training, int from, int to) {
    NDArray cur = x;
    for (int i = from; i < to; i++) {
      cur = BlockCalls.forward(members.get(i), ps, cur, training);
    }
    return cur;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(forwardRange(ps, inputs.head(), training, 0, members.size()));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape cur = inputShapes[0];
    for (Block b : members) {
      cur = BlockCalls.initialize(b, manager, dataType, cur);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape cur = inputShapes[0];
    for (Block b : members) {
      cur = BlockCalls.outputShape(b, cur);
    }
    return new Shape[] {cur};
  }
}

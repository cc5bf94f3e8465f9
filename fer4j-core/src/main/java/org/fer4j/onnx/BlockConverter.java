package org.fer4j.onnx;

import ai.djl.nn.Block;
import java.util.List;

/**
 * Writes the ONNX nodes of one block type. A converter knows how its block computes (the order of
 * its children, its residual sums), which DJL's block API does not expose; children are converted
 * through {@link ConversionContext#convert}.
 */
@FunctionalInterface
public interface BlockConverter {
  /**
   * Appends the nodes computing {@code block} on {@code inputs} and returns the names of its
   * outputs, in the order of the block's forward output.
   *
   * @param path the block's path from the model root, e.g. {@code layer1.0}; names its nodes
   */
  List<String> convert(ConversionContext ctx, Block block, String path, List<String> inputs);
}

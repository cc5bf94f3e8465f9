package org.fer4j.weights;

import java.util.Optional;

/**
 * Maps a tensor name of a weights file onto fer4j's parameter names, which are torchvision's
 * {@code state_dict()} keys (see {@link org.fer4j.models.ParameterNames}).
 */
public interface NameMap {

  /** Short name of the convention, e.g. {@code torchvision} or {@code timm}. */
  String name();

  /**
   * The torchvision-style name of a file tensor, or empty when the tensor carries no parameter
   * fer4j uses (e.g. BatchNorm's {@code num_batches_tracked}); such tensors are ignored, not
   * reported as unexpected.
   */
  Optional<String> map(String fileKey);

  /**
   * Whether the tensor may be reshaped to the parameter's shape when both hold the same number of
   * elements (timm stores ConvNeXt's layer scale as {@code (C,)}, torchvision as {@code (C,1,1)}).
   */
  default boolean reshapeAllowed(String fileKey) {
    return false;
  }
}

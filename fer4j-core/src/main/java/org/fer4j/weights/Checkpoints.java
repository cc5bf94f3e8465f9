package org.fer4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.Fer4j;
import org.fer4j.models.ParameterNames;

/**
 * fer4j's own checkpoints: a safetensors file with torchvision-style names (see {@link
 * ParameterNames}), so Python users can read it with {@code safetensors.torch.load_file} and
 * {@code model.load_state_dict(...)}. Each BatchNorm also gets a {@code num_batches_tracked} I64
 * scalar (0), as torchvision's {@code state_dict()} has one, so a strict {@code load_state_dict}
 * finds every key. Files are written atomically (temporary file in the same directory, then
 * rename).
 */
public final class Checkpoints {
  /** Metadata key with the fer4j version that wrote the file. */
  public static final String VERSION_KEY = "fer4j_version";

  /** Metadata key naming the name convention of the tensors. */
  public static final String NAMES_KEY = "fer4j_names";

  private static final String RUNNING_VAR = "running_var";

  private Checkpoints() {}

  /**
   * Saves every parameter of an initialised block as float32.
   *
   * @param metadata free-form pairs stored in {@code __metadata__} (e.g. model name, epoch); fer4j
   *     adds {@code format=pt}, {@value #VERSION_KEY} and {@value #NAMES_KEY} unless given
   */
  public static void save(Block block, Path file, Map<String, String> metadata) {
    save(block, file, metadata, StDtype.F32);
  }

  /** Like {@link #save(Block, Path, Map)} with F16 or BF16 storage to halve the file. */
  public static void save(Block block, Path file, Map<String, String> metadata, StDtype floatType) {
    LinkedHashMap<String, Parameter> params = ParameterNames.torchNames(block);
    if (params.isEmpty()) {
      throw new FerException(FerException.Kind.INTERNAL, "the block has no parameters to save to " + file);
    }
    NDArray first = arrayOf(params.keySet().iterator().next(), params.values().iterator().next(), file);
    try (NDManager scratch = first.getManager().newSubManager()) {
      Map<String, NDArray> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        tensors.put(e.getKey(), arrayOf(e.getKey(), e.getValue(), file));
        if (e.getKey().endsWith("." + RUNNING_VAR)) {
          String prefix = e.getKey().substring(0, e.getKey().length() - RUNNING_VAR.length());
          tensors.putIfAbsent(prefix + "num_batches_tracked", scratch.create(0L));
        }
      }
      Safetensors.write(file, tensors, withDefaults(metadata), floatType);
    }
  }

  /**
   * Loads a checkpoint written by {@link #save} (or any torchvision-named file) into an
   * initialised block, strictly: every parameter must be present with its shape.
   *
   * @return the file's metadata
   */
  public static Map<String, String> load(Block block, Path file) {
    try (Safetensors st = Safetensors.open(file)) {
      WeightLoader.load(block, st, NameMaps.torchvision(), true);
      return st.metadata();
    }
  }

  /** The metadata of a checkpoint without loading it. */
  public static Map<String, String> metadata(Path file) {
    try (Safetensors st = Safetensors.open(file)) {
      return st.metadata();
    }
  }

  private static NDArray arrayOf(String name, Parameter p, Path file) {
    if (!p.isInitialized()) {
      throw new FerException(
          FerException.Kind.INTERNAL,
          "cannot save " + file + ": parameter " + name + " is not initialised; call"
              + " block.initialize(manager, DataType.FLOAT32, inputShape) first.");
    }
    return p.getArray();
  }

  private static Map<String, String> withDefaults(Map<String, String> metadata) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("format", "pt");
    out.put(VERSION_KEY, Fer4j.version());
    out.put(NAMES_KEY, "torchvision");
    out.putAll(metadata);
    return out;
  }
}

package org.fer4j.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.models.ParameterNames;

/**
 * Copies tensors of a safetensors file into a block's parameters, BatchNorm running statistics
 * included. Parameter names come from {@link ParameterNames#torchNames}; a {@link NameMap} turns
 * file names into those.
 *
 * <p>The block must be initialised first ({@code block.initialize(manager, DataType.FLOAT32,
 * inputShape)}): values are copied into the existing parameter arrays, which keeps their gradient
 * flag and whatever ParameterStore or Trainer already refers to them.
 */
public final class WeightLoader {
  private WeightLoader() {}

  /**
   * Loads a file with a {@code --weights-format} value ({@code torchvision}, {@code timm} or {@code
   * auto}).
   */
  public static LoadReport load(Block block, Path file, String format, boolean strict) {
    try (Safetensors st = Safetensors.open(file)) {
      return load(block, st, NameMaps.forFormat(format, st.names()), strict);
    }
  }

  /**
   * Loads {@code file} into {@code block}.
   *
   * @param strict when true, any missing parameter, unexpected tensor or shape mismatch is an error
   *     listing all of them and nothing is copied; when false those are skipped and reported (e.g.
   *     a 1000-class ImageNet {@code fc} for a 7-class model), but a file that matches nothing is
   *     still an error
   * @return what was loaded and skipped
   * @throws FerException BAD_INPUT naming the file and every offending name; INTERNAL when the
   *     block is not initialised
   */
  public static LoadReport load(Block block, Path file, NameMap map, boolean strict) {
    try (Safetensors st = Safetensors.open(file)) {
      return load(block, st, map, strict);
    }
  }

  /** Loads from an already open file (see {@link #load(Block, Path, NameMap, boolean)}). */
  public static LoadReport load(Block block, Safetensors st, NameMap map, boolean strict) {
    LinkedHashMap<String, Parameter> params = ParameterNames.torchNames(block);
    requireInitialised(params);
    Plan plan = plan(params, st, map);
    LoadReport report = plan.report(st.file(), map.name());
    if (strict && !report.complete()) {
      throw FerException.badInput(
          st.file()
              + " does not fit the model ("
              + map.name()
              + " names):\n"
              + report.problems()
              + "Fix: use the matching model or --weights-format, or load non-strict to skip these"
              + " (e.g. a 1000-class fc for a model with fewer classes).");
    }
    if (plan.copies.isEmpty()) {
      throw FerException.badInput(
          st.file()
              + ": none of its "
              + st.names().size()
              + " tensors matches a parameter of the"
              + " model ("
              + map.name()
              + " names; file starts with "
              + st.names().stream().limit(3).toList()
              + ", model with "
              + params.keySet().stream().limit(3).toList()
              + "). Is it the right"
              + " model and --weights-format?");
    }
    for (Copy c : plan.copies) {
      copy(st, c);
    }
    return report;
  }

  private static void requireInitialised(Map<String, Parameter> params) {
    List<String> uninitialised =
        params.entrySet().stream()
            .filter(e -> !e.getValue().isInitialized())
            .map(Map.Entry::getKey)
            .toList();
    if (!uninitialised.isEmpty()) {
      throw new FerException(
          FerException.Kind.INTERNAL,
          "the block is not initialised ("
              + uninitialised.size()
              + " parameters have no values, e.g. "
              + uninitialised.get(0)
              + "): call block.initialize(manager, DataType.FLOAT32, inputShape)"
              + " before loading weights.");
    }
  }

  private static Plan plan(Map<String, Parameter> params, Safetensors st, NameMap map) {
    Plan plan = new Plan();
    Map<String, String> claimedBy = new LinkedHashMap<>();
    for (String key : st.names()) {
      String target = map.map(key).orElse(null);
      if (target == null) {
        plan.ignored.add(key);
        continue;
      }
      Parameter param = params.get(target);
      if (param == null) {
        plan.unexpected.add(target.equals(key) ? key : key + " (as " + target + ")");
        continue;
      }
      String earlier = claimedBy.putIfAbsent(target, key);
      if (earlier != null) {
        throw FerException.badInput(
            st.file()
                + ": tensors '"
                + earlier
                + "' and '"
                + key
                + "' both map to parameter '"
                + target
                + "' ("
                + map.name()
                + " names); remove one of them.");
      }
      long[] fileShape = st.info(key).shape();
      long[] modelShape = param.getArray().getShape().getShape();
      boolean sameShape = Arrays.equals(fileShape, modelShape);
      boolean reshapeOk =
          map.reshapeAllowed(key) && st.info(key).elementCount() == param.getArray().size();
      if (sameShape || reshapeOk) {
        plan.copies.add(new Copy(key, target, param, !sameShape));
      } else {
        plan.shapeMismatches.add(
            target
                + " file "
                + TensorInfo.shapeText(fileShape)
                + " model "
                + TensorInfo.shapeText(modelShape));
      }
    }
    params.keySet().stream().filter(n -> !claimedBy.containsKey(n)).forEach(plan.missing::add);
    return plan;
  }

  private static void copy(Safetensors st, Copy c) {
    NDArray target = c.param.getArray();
    try (NDManager scratch = target.getManager().newSubManager()) {
      // unrounded: the parameter's own type decides below
      NDArray source = st.toNDArrayKeepingFloat64(c.fileKey, scratch);
      if (c.reshape) {
        source = source.reshape(target.getShape());
      }
      if (source.getDataType() != target.getDataType()) {
        source = source.toType(target.getDataType(), false);
      }
      // In-place copy: the parameter keeps its array object, gradient flag and device.
      target.set(new NDIndex("..."), source);
    }
  }

  private record Copy(String fileKey, String target, Parameter param, boolean reshape) {}

  private static final class Plan {
    final List<Copy> copies = new ArrayList<>();
    final List<String> ignored = new ArrayList<>();
    final List<String> missing = new ArrayList<>();
    final List<String> unexpected = new ArrayList<>();
    final List<String> shapeMismatches = new ArrayList<>();

    LoadReport report(Path file, String format) {
      List<String> loaded = copies.stream().map(Copy::target).toList();
      return new LoadReport(file, format, loaded, ignored, missing, unexpected, shapeMismatches);
    }
  }
}

package org.fer4j.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fer4j.FerException;

/**
 * What runs the forward passes of inference ({@code --engine}): DJL's PyTorch blocks, or ONNX
 * Runtime on the same blocks exported in memory by {@link org.fer4j.onnx.OnnxExporter}. Training,
 * Grad-CAM explanations and nets the exporter has no converter for always run on DJL.
 */
public enum InferenceEngine {
  /** DJL blocks on PyTorch (LibTorch), as trained. */
  DJL("djl"),
  /** ONNX Runtime (CPU execution provider) on graphs exported from the DJL blocks. */
  ONNXRUNTIME("onnxruntime");

  /**
   * The engine of {@code predict}, {@code serve}, {@code spark predict} and video when none is
   * named: chosen by the side-by-side face benchmark ({@code bench/face/run.sh}, docs/performance.md).
   */
  public static final InferenceEngine DEFAULT = ONNXRUNTIME;

  private final String id;

  InferenceEngine(String id) {
    this.id = id;
  }

  /** The name on the command line: {@code djl} or {@code onnxruntime}. */
  public String id() {
    return id;
  }

  /** The valid names, comma separated, for help texts and errors. */
  public static String choices() {
    return Arrays.stream(values()).map(InferenceEngine::id).collect(Collectors.joining(", "));
  }

  /**
   * Parses an engine name, case-insensitively ({@code ort} is accepted for onnxruntime).
   *
   * @throws FerException BAD_INPUT naming the valid engines
   */
  public static InferenceEngine parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (InferenceEngine e : values()) {
      if (e.id.equals(v)) {
        return e;
      }
    }
    if (v.equals("ort")) {
      return ONNXRUNTIME;
    }
    throw FerException.badInput("--engine: unknown engine '" + value + "'; choose one of " + choices());
  }
}

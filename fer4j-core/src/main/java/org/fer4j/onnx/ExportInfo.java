package org.fer4j.onnx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fer4j.Fer4j;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.PreprocessConfig;

/**
 * What an exported file says about itself besides the graph: the model's name, how its input
 * must be prepared, its class names and where its weights came from. Written to the ONNX {@code
 * metadata_props}, which ONNX Runtime returns as {@code custom_metadata_map}; structured values
 * are JSON strings.
 *
 * @param modelName the registered model name, e.g. {@code resnet18}
 * @param preprocess input size, channels, normalisation and frames
 * @param labels the class names of the first output, in order
 * @param provenance weights file, run, versions; any JSON-able values
 */
public record ExportInfo(
    String modelName,
    PreprocessConfig preprocess,
    LabelSpace labels,
    Map<String, Object> provenance) {
  /** Metadata key of the model name. */
  public static final String MODEL = "fer4j.model";

  /** Metadata key of the class names, a JSON array. */
  public static final String CLASS_NAMES = "fer4j.class_names";

  /** Metadata key of the preprocessing, a JSON object. */
  public static final String PREPROCESS = "fer4j.preprocess";

  /** Metadata key of the provenance, a JSON object. */
  public static final String PROVENANCE = "fer4j.provenance";

  private static final ObjectMapper JSON = new ObjectMapper();

  public ExportInfo {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(preprocess, "preprocess");
    Objects.requireNonNull(labels, "labels");
    provenance = new LinkedHashMap<>(provenance);
  }

  /** The {@code metadata_props} entries, in a fixed order. */
  public Map<String, String> metadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(MODEL, modelName);
    m.put(CLASS_NAMES, json(labels.classes()));
    m.put(PREPROCESS, json(preprocessJson()));
    Map<String, Object> origin = new LinkedHashMap<>();
    origin.put("exporter", "fer4j " + Fer4j.version());
    origin.putAll(provenance);
    m.put(PROVENANCE, json(origin));
    return m;
  }

  /**
   * How to turn an image into the input tensor, as {@link org.fer4j.explain.PreparedImage} does:
   * resized (bilinear, stretched) to {@code height x width}, RGB (or grey) pixels divided by 255,
   * minus {@code mean}, divided by {@code std}, laid out NCHW.
   */
  private Map<String, Object> preprocessJson() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("height", preprocess.height());
    p.put("width", preprocess.width());
    p.put("channels", preprocess.channels());
    p.put("channel_order", preprocess.channels() == 3 ? "RGB" : "GRAY");
    p.put("resize", "bilinear, stretched to height x width");
    p.put("layout", preprocess.frames() > 1 ? "NCTHW" : "NCHW");
    p.put("frames", preprocess.frames());
    p.put("pixel_scale", 1.0 / 255.0);
    p.put("mean", toList(preprocess.mean()));
    p.put("std", toList(preprocess.std()));
    return p;
  }

  private static List<Float> toList(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return List.of(boxed);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("export metadata is not JSON-able: " + e.getMessage(), e);
    }
  }
}

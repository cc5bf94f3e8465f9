package org.fer4j.data.transforms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One named step of a recipe's training augmentation with its parameters. In JSON it is one flat
 * object, the step name beside its parameters: {@code {"step": "rotation", "degrees": 4}}. A
 * parameter is a number, a {@code [min, max]} range or a name ({@code "nearest"}). This record
 * only carries what the recipe says; {@link Augmentations#resolve} checks names and values and
 * fills in defaults.
 *
 * @param step the step's name (see {@link Augmentations#STEP_NAMES})
 * @param params parameter name to value, in the recipe's order
 */
public record AugmentStep(String step, Map<String, Object> params) {
  /** The JSON key holding the step's name. */
  public static final String STEP_KEY = "step";

  public AugmentStep {
    // LinkedHashMap keeps the written order and, unlike Map.copyOf, lets a JSON null through to
    // validation, which then names the field.
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A step from alternating parameter names and values. */
  public static AugmentStep of(String step, Object... namesAndValues) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      params.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new AugmentStep(step, params);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static AugmentStep fromJson(Map<String, Object> fields) {
    Map<String, Object> params = new LinkedHashMap<>(fields);
    Object name = params.remove(STEP_KEY);
    return new AugmentStep(name == null ? null : name.toString(), params);
  }

  @JsonValue
  Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(STEP_KEY, step);
    out.putAll(params);
    return out;
  }

  /** A scalar parameter of a resolved step. */
  public double number(String name) {
    return ((Number) params.get(name)).doubleValue();
  }

  /** A {@code [min, max]} parameter of a resolved step. */
  public double[] range(String name) {
    List<?> pair = (List<?>) params.get(name);
    return new double[] {((Number) pair.get(0)).doubleValue(), ((Number) pair.get(1)).doubleValue()};
  }
}

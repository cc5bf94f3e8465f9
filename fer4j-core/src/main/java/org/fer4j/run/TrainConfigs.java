package org.fer4j.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.fer4j.FerException;
import org.fer4j.data.transforms.Augmentations;

/**
 * Loads {@link TrainConfig}s from JSON recipes and applies {@code key=value} overrides.
 *
 * <p>Overrides work on the JSON tree before it becomes a record, so every field can be
 * overridden by its dotted path ({@code optimizer.lr=0.01}, {@code modelOptions.attention=cbam})
 * and the record's validation still sees the final values. An unknown path is an error that lists
 * the valid keys at that level.
 *
 * <p>The {@code augment} list is replaced as a whole: {@code augment=none} (no augmentation),
 * {@code augment=default} ({@link Augmentations#DEFAULT}) or a JSON array of steps; unless {@code
 * augmentSource} is set too, the source then records the override.
 */
public final class TrainConfigs {
  private static final String AUGMENT = "augment";
  private static final String AUGMENT_SOURCE = "augmentSource";

  /** Objects whose keys are free-form (maps), so an override may add a new key. */
  private static final Set<String> OPEN_MAPS = Set.of("modelOptions", "data.options", "loss.weights");

  /** Top-level fields a recipe may leave out and an override may still set. */
  private static final Set<String> OPTIONAL_FIELDS = Set.of(AUGMENT, AUGMENT_SOURCE);

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private TrainConfigs() {}

  /** Reads a recipe file and applies overrides ({@code key=value}, dotted keys). */
  public static TrainConfig load(Path recipe, List<String> overrides) {
    JsonNode tree;
    try {
      tree = JSON.readTree(Files.readString(recipe));
    } catch (IOException e) {
      throw FerException.badInput("cannot read recipe " + recipe + ": " + e.getMessage());
    }
    if (!(tree instanceof ObjectNode root)) {
      throw FerException.badInput("recipe " + recipe + " must be a JSON object");
    }
    for (String o : overrides) {
      apply(root, o);
    }
    recordAugmentOverride(root, overrides);
    return fromTree(root, recipe.toString());
  }

  /** Parses a config from JSON text (e.g. a run's saved config.json). */
  public static TrainConfig parse(String json, String origin) {
    try {
      return fromTree((ObjectNode) JSON.readTree(json), origin);
    } catch (IOException | ClassCastException e) {
      throw FerException.badInput("cannot parse training config " + origin + ": " + e.getMessage());
    }
  }

  /** The config as pretty JSON, the same shape the recipes have. */
  public static String toJson(TrainConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise config", e);
    }
  }

  private static TrainConfig fromTree(ObjectNode root, String origin) {
    expandAugmentName(root, origin);
    try {
      return JSON.treeToValue(root, TrainConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw FerException.badInput(
          origin + ": unknown field '" + e.getPropertyName() + "' at " + path(e)
              + "; valid fields: " + e.getKnownPropertyIds());
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      if (e.getCause() instanceof FerException fe) {
        throw FerException.badInput(origin + ": " + fe.getMessage());
      }
      throw FerException.badInput(
          origin + ": field '" + pathOf(e) + "' is missing or has the wrong type");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Record constructors throw FerException for invalid values; Jackson wraps it.
      Throwable cause = e.getCause();
      if (cause instanceof FerException fe) {
        throw FerException.badInput(origin + ": " + fe.getMessage());
      }
      throw FerException.badInput(origin + ": " + e.getOriginalMessage());
    }
  }

  private static String path(UnrecognizedPropertyException e) {
    return pathOf(e);
  }

  private static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    e.getPath().forEach(r -> {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    });
    return path.toString();
  }

  /** Applies one {@code a.b.c=value} override to the tree. */
  static void apply(ObjectNode root, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw FerException.badInput("--set needs key=value, was '" + override + "'");
    }
    String key = override.substring(0, eq).trim();
    String value = override.substring(eq + 1).trim();
    String[] parts = key.split("\\.");
    ObjectNode node = root;
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < parts.length - 1; i++) {
      at.append(i == 0 ? "" : ".").append(parts[i]);
      JsonNode child = node.get(parts[i]);
      if (child == null && OPEN_MAPS.contains(at.toString())) {
        child = node.putObject(parts[i]);
      }
      if (!(child instanceof ObjectNode obj)) {
        throw unknownKey(key, node, parts[i]);
      }
      node = obj;
    }
    String leaf = parts[parts.length - 1];
    JsonNode old = node.get(leaf);
    boolean optional = parts.length == 1 && OPTIONAL_FIELDS.contains(leaf);
    if (old == null && !optional && !OPEN_MAPS.contains(at.toString())) {
      throw unknownKey(key, node, leaf);
    }
    node.set(leaf, typed(key, value, old));
  }

  /**
   * Turns a named augmentation ({@code none}, {@code default}) or a JSON array given as text (from
   * {@code --set augment=...}) into the step array the record reads.
   */
  private static void expandAugmentName(ObjectNode root, String origin) {
    JsonNode augment = root.get(AUGMENT);
    if (augment == null || !augment.isTextual()) {
      return;
    }
    String text = augment.asText().trim();
    if (text.equals(Augmentations.NONE_NAME)) {
      root.putArray(AUGMENT);
    } else if (text.equals(Augmentations.DEFAULT_NAME)) {
      root.set(AUGMENT, JSON.valueToTree(Augmentations.DEFAULT));
    } else if (text.startsWith("[")) {
      try {
        root.set(AUGMENT, JSON.readTree(text));
      } catch (IOException e) {
        throw FerException.badInput(origin + ": augment is not a valid JSON array: " + e.getMessage());
      }
    } else {
      throw FerException.badInput(origin + ": augment must be a list of steps, '" + Augmentations.NONE_NAME
          + "' or '" + Augmentations.DEFAULT_NAME + "'; was '" + text + "'");
    }
  }

  /** After {@code --set augment=...} without {@code augmentSource}, the source names the override. */
  private static void recordAugmentOverride(ObjectNode root, List<String> overrides) {
    String augment = null;
    boolean sourceSet = false;
    for (String o : overrides) {
      String key = o.substring(0, Math.max(0, o.indexOf('='))).trim();
      augment = key.equals(AUGMENT) ? o.substring(o.indexOf('=') + 1).trim() : augment;
      sourceSet |= key.equals(AUGMENT_SOURCE);
    }
    if (augment != null && !sourceSet) {
      root.put(AUGMENT_SOURCE, "command-line override: --set augment=" + augment);
    }
  }

  private static JsonNode typed(String key, String value, JsonNode old) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    try {
      if (old != null && old.isIntegralNumber()) {
        return f.numberNode(Long.parseLong(value));
      }
      if (old != null && old.isNumber()) {
        return f.numberNode(Double.parseDouble(value));
      }
    } catch (NumberFormatException e) {
      throw FerException.badInput("--set " + key + " needs a number, was '" + value + "'");
    }
    if (old != null && old.isBoolean()) {
      if (!value.equals("true") && !value.equals("false")) {
        throw FerException.badInput("--set " + key + " needs true or false, was '" + value + "'");
      }
      return f.booleanNode(Boolean.parseBoolean(value));
    }
    return f.textNode(value);
  }

  private static FerException unknownKey(String key, ObjectNode at, String missing) {
    List<String> valid = new ArrayList<>();
    for (Iterator<String> it = at.fieldNames(); it.hasNext(); ) {
      valid.add(it.next());
    }
    return FerException.badInput(
        "--set " + key + ": no field '" + missing + "' here; valid: " + valid);
  }
}

package org.fer4j.data.transforms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.PreprocessConfig;

/**
 * The named augmentation steps a recipe may list, their parameters, and the training pipeline a
 * list builds.
 *
 * <p>Steps and parameters (defaults in brackets; a range is {@code [min, max]}):
 *
 * <ul>
 *   <li>{@code resize}: to the model input, no parameters (e.g. first, as torchvision's {@code
 *       Resize} before a flip);
 *   <li>{@code random_resized_crop}: torchvision's {@code RandomResizedCrop} to the model input,
 *       {@code scale} ([0.08, 1]), {@code ratio} ([3/4, 4/3], log-uniform);
 *   <li>{@code random_sized_crop}: GCA+IAL's older {@code GroupRandomSizedCrop} ({@link
 *       RandomSizedCrop}), {@code scale} ([0.08, 1]), {@code ratio} ([3/4, 4/3], uniform, then
 *       width and height swapped with probability 0.5);
 *   <li>{@code hflip}: {@code p} (0.5);
 *   <li>{@code rotation}: {@code degrees}, required, in [0, 180]; {@code interpolation}
 *       (bilinear|nearest, bilinear; torchvision's {@code RandomRotation} uses nearest);
 *   <li>{@code color_jitter}: {@code brightness}, {@code contrast}, {@code saturation} (0 each),
 *       {@code hue} (0, at most 0.5), torchvision's ranges;
 *   <li>{@code random_erasing}: {@code p} (0.5, torchvision's default).
 * </ul>
 *
 * <p>Order rules. The listed steps run in the listed order; then every pipeline ends with a resize
 * to the model input (a no-op when a crop already produced it) and normalisation, which are not
 * augmentation and are never listed. {@code random_erasing} is the exception: it must be listed
 * last and runs after normalisation, because torchvision's {@code RandomErasing} works on the
 * normalised tensor, where its fill value 0 is the mean colour.
 *
 * <p>A recipe without an {@code augment} section trains with {@link #DEFAULT}, the pipeline every
 * recipe used before recipes named their augmentation.
 */
public final class Augmentations {
  /** Name of {@link #DEFAULT}, also accepted as {@code --set augment=default}. */
  public static final String DEFAULT_NAME = "default";

  /** {@code --set augment=none}: no augmentation, only resize and normalisation. */
  public static final String NONE_NAME = "none";

  /**
   * fer4j's default: random resized crop (area 0.8-1, ratio 0.9-1.1: faces are already aligned),
   * flip, rotation up to 10 degrees, colour jitter 0.3, random erasing 0.25.
   */
  public static final List<AugmentStep> DEFAULT =
      List.of(
          AugmentStep.of("random_resized_crop", "scale", List.of(0.8, 1.0), "ratio", List.of(0.9, 1.1)),
          AugmentStep.of("hflip", "p", 0.5),
          AugmentStep.of("rotation", "degrees", 10.0, "interpolation", "bilinear"),
          AugmentStep.of("color_jitter", "brightness", 0.3, "contrast", 0.3, "saturation", 0.3, "hue", 0.0),
          AugmentStep.of("random_erasing", "p", 0.25));

  /** What {@link #DEFAULT} is, for the run's record when a recipe has no augment section. */
  public static final String DEFAULT_SOURCE =
      "fer4j default augmentation (the recipe has no augment section)";

  private static final String ERASING = "random_erasing";
  private static final String BILINEAR = "bilinear";
  private static final String NEAREST = "nearest";
  private static final double ANY = Double.POSITIVE_INFINITY;

  private enum Kind { NUMBER, RANGE, CHOICE }

  /**
   * One parameter: a number or a {@code [min, max]} range, each value in {@code (low, high]} when
   * {@code lowOpen}, otherwise {@code [low, high]}; or one of {@code choices}. A null {@code
   * fallback} means required.
   */
  private record Param(
      String name, Kind kind, Object fallback, double low, boolean lowOpen, double high, List<String> choices) {
    static Param number(String name, Double fallback, double low, boolean lowOpen, double high) {
      return new Param(name, Kind.NUMBER, fallback, low, lowOpen, high, List.of());
    }

    static Param range(String name, List<Double> fallback, double low, boolean lowOpen, double high) {
      return new Param(name, Kind.RANGE, fallback, low, lowOpen, high, List.of());
    }

    static Param choice(String name, String fallback, String... choices) {
      return new Param(name, Kind.CHOICE, fallback, 0, false, 0, List.of(choices));
    }
  }

  private static final Map<String, List<Param>> STEPS = new LinkedHashMap<>();

  static {
    List<Param> crop =
        List.of(
            Param.range("scale", List.of(0.08, 1.0), 0, true, 1),
            Param.range("ratio", List.of(3.0 / 4, 4.0 / 3), 0, true, ANY));
    STEPS.put("resize", List.of());
    STEPS.put("random_resized_crop", crop);
    STEPS.put("random_sized_crop", crop);
    STEPS.put("hflip", List.of(Param.number("p", 0.5, 0, false, 1)));
    STEPS.put(
        "rotation",
        List.of(
            Param.number("degrees", null, 0, false, 180),
            Param.choice("interpolation", BILINEAR, BILINEAR, NEAREST)));
    STEPS.put(
        "color_jitter",
        List.of(
            Param.number("brightness", 0.0, 0, false, ANY),
            Param.number("contrast", 0.0, 0, false, ANY),
            Param.number("saturation", 0.0, 0, false, ANY),
            Param.number("hue", 0.0, 0, false, 0.5)));
    STEPS.put(ERASING, List.of(Param.number("p", 0.5, 0, false, 1)));
  }

  /** Every step name a recipe may use, in documentation order. */
  public static final List<String> STEP_NAMES = List.copyOf(STEPS.keySet());

  private Augmentations() {}

  /**
   * Checks every step and returns them with all parameters present (defaults filled in) as
   * numbers or two-number lists, in the step's documented parameter order. Errors name the field:
   * {@code augment[2].degrees must be a number in [0, 180], was -3}.
   *
   * @param field the list's name in messages ({@code augment})
   */
  public static List<AugmentStep> resolve(List<AugmentStep> steps, String field) {
    List<AugmentStep> out = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      String at = field + "[" + i + "]";
      AugmentStep s = steps.get(i);
      if (s == null) {
        throw FerException.badInput(at + " must be an object such as {\"step\": \"hflip\", \"p\": 0.5}");
      }
      List<Param> spec = STEPS.get(s.step());
      if (spec == null) {
        throw FerException.badInput(at + ".step is " + (s.step() == null ? "missing" : "'" + s.step() + "'")
            + "; valid steps: " + String.join(", ", STEP_NAMES));
      }
      if (s.step().equals(ERASING) && i != steps.size() - 1) {
        throw FerException.badInput(at + ".step random_erasing must be the last step: it runs after"
            + " normalisation, on the normalised image, as torchvision's RandomErasing does");
      }
      out.add(resolveStep(s, spec, at));
    }
    return List.copyOf(out);
  }

  private static AugmentStep resolveStep(AugmentStep s, List<Param> spec, String at) {
    List<String> known = spec.stream().map(Param::name).toList();
    for (String name : s.params().keySet()) {
      if (!known.contains(name)) {
        throw FerException.badInput(at + "." + name + " is not a parameter of " + s.step() + "; valid: "
            + (known.isEmpty() ? "none" : String.join(", ", known)));
      }
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (Param p : spec) {
      Object value = s.params().containsKey(p.name()) ? s.params().get(p.name()) : p.fallback();
      if (value == null && !s.params().containsKey(p.name())) {
        throw FerException.badInput(at + "." + p.name() + " is required for " + s.step());
      }
      params.put(p.name(), switch (p.kind()) {
        case NUMBER -> number(value, p, at);
        case RANGE -> range(value, p, at);
        case CHOICE -> choice(value, p, at);
      });
    }
    return new AugmentStep(s.step(), params);
  }

  private static Double number(Object value, Param p, String at) {
    if (value instanceof Number n && inBounds(n.doubleValue(), p)) {
      return n.doubleValue();
    }
    throw FerException.badInput(at + "." + p.name() + " must be a number " + bounds(p) + ", was " + value);
  }

  private static List<Double> range(Object value, Param p, String at) {
    if (value instanceof List<?> pair && pair.size() == 2
        && pair.get(0) instanceof Number lo && pair.get(1) instanceof Number hi
        && inBounds(lo.doubleValue(), p) && inBounds(hi.doubleValue(), p)
        && lo.doubleValue() <= hi.doubleValue()) {
      return List.of(lo.doubleValue(), hi.doubleValue());
    }
    throw FerException.badInput(at + "." + p.name() + " must be [min, max] with min <= max, both "
        + bounds(p) + "; was " + value);
  }

  private static String choice(Object value, Param p, String at) {
    if (value instanceof String s && p.choices().contains(s)) {
      return s;
    }
    throw FerException.badInput(at + "." + p.name() + " must be one of " + String.join(", ", p.choices())
        + "; was " + value);
  }

  private static boolean inBounds(double v, Param p) {
    return !Double.isNaN(v) && (p.lowOpen() ? v > p.low() : v >= p.low()) && v <= p.high();
  }

  private static String bounds(Param p) {
    if (p.high() == ANY) {
      return (p.lowOpen() ? "> " : ">= ") + format(p.low());
    }
    return "in " + (p.lowOpen() ? "(" : "[") + format(p.low()) + ", " + format(p.high()) + "]";
  }

  /**
   * The training pipeline of a step list at a model's input: the steps in order (random erasing
   * excepted), resize to the input, normalisation, then random erasing if listed.
   */
  public static Pipeline pipeline(List<AugmentStep> steps, PreprocessConfig input) {
    List<ImageTransform<?>> out = new ArrayList<>();
    ImageTransform<?> afterNormalisation = null;
    for (AugmentStep s : resolve(steps, "augment")) {
      if (s.step().equals(ERASING)) {
        afterNormalisation = new RandomErasing(s.number("p"));
      } else {
        out.add(transform(s, input.height(), input.width()));
      }
    }
    out.add(new Resize(input.height(), input.width()));
    out.add(new Normalize(input));
    if (afterNormalisation != null) {
      out.add(afterNormalisation);
    }
    return Pipeline.of(out);
  }

  private static ImageTransform<?> transform(AugmentStep s, int height, int width) {
    return switch (s.step()) {
      case "resize" -> new Resize(height, width);
      case "random_resized_crop" -> new RandomResizedCrop(height, width,
          (float) s.range("scale")[0], (float) s.range("scale")[1],
          (float) s.range("ratio")[0], (float) s.range("ratio")[1]);
      case "random_sized_crop" -> new RandomSizedCrop(height, width,
          (float) s.range("scale")[0], (float) s.range("scale")[1],
          (float) s.range("ratio")[0], (float) s.range("ratio")[1]);
      case "hflip" -> new HorizontalFlip(s.number("p"));
      case "rotation" ->
          new RandomRotation((float) s.number("degrees"), NEAREST.equals(s.params().get("interpolation")));
      case "color_jitter" -> new ColorJitter((float) s.number("brightness"), (float) s.number("contrast"),
          (float) s.number("saturation"), (float) s.number("hue"));
      default -> throw new IllegalStateException("no transform for step " + s.step());
    };
  }

  /**
   * A one-line summary for tables and logs, e.g. {@code hflip p=0.5, rotation degrees=4}; zero
   * colour jitter ranges (no change) are left out, {@code none} for an empty list.
   */
  public static String describe(List<AugmentStep> steps) {
    if (steps.isEmpty()) {
      return NONE_NAME;
    }
    List<String> parts = new ArrayList<>();
    for (AugmentStep s : resolve(steps, "augment")) {
      StringBuilder b = new StringBuilder(s.step());
      s.params().forEach((name, value) -> {
        if (!(s.step().equals("color_jitter") && ((Number) value).doubleValue() == 0)) {
          b.append(' ').append(name).append('=').append(describe(value));
        }
      });
      parts.add(b.toString());
    }
    return String.join(", ", parts);
  }

  private static String describe(Object value) {
    if (value instanceof List<?> l) {
      return "[" + format(((Number) l.get(0)).doubleValue()) + ", " + format(((Number) l.get(1)).doubleValue()) + "]";
    }
    return value instanceof Number n ? format(n.doubleValue()) : value.toString();
  }

  /** At most three decimals, no trailing zeros: 0.08, 1, 1.667. */
  private static String format(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }
}

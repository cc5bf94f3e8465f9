package org.fer4j.data;

import java.util.List;
import java.util.Locale;
import org.fer4j.FerException;

/**
 * An ordered set of class names. Every data set maps its native codes into one of these in one
 * place; reports print names, never bare indices.
 *
 * @param name short identifier, e.g. {@code expression7}
 * @param classes class names in index order
 * @param multiLabel true for independent binary labels (CelebA attributes)
 */
public record LabelSpace(String name, List<String> classes, boolean multiLabel) {

  /** RAF-DB's order, the canonical one: docs/methods.md#label-spaces. */
  public static final LabelSpace EXPRESSION_7 =
      new LabelSpace(
          "expression7",
          List.of("Surprise", "Fear", "Disgust", "Happiness", "Sadness", "Anger", "Neutral"),
          false);

  /** The canonical order plus Contempt, for 8-class AffectNet and FERPlus. */
  public static final LabelSpace EXPRESSION_8 =
      new LabelSpace(
          "expression8",
          List.of(
              "Surprise", "Fear", "Disgust", "Happiness", "Sadness", "Anger", "Neutral", "Contempt"),
          false);

  /** The 40 CelebA attributes in the order of {@code list_attr_celeba.txt}. */
  public static final LabelSpace CELEBA_40 =
      new LabelSpace(
          "celeba40",
          List.of(
              "5_o_Clock_Shadow", "Arched_Eyebrows", "Attractive", "Bags_Under_Eyes", "Bald",
              "Bangs", "Big_Lips", "Big_Nose", "Black_Hair", "Blond_Hair", "Blurry", "Brown_Hair",
              "Bushy_Eyebrows", "Chubby", "Double_Chin", "Eyeglasses", "Goatee", "Gray_Hair",
              "Heavy_Makeup", "High_Cheekbones", "Male", "Mouth_Slightly_Open", "Mustache",
              "Narrow_Eyes", "No_Beard", "Oval_Face", "Pale_Skin", "Pointy_Nose",
              "Receding_Hairline", "Rosy_Cheeks", "Sideburns", "Smiling", "Straight_Hair",
              "Wavy_Hair", "Wearing_Earrings", "Wearing_Hat", "Wearing_Lipstick",
              "Wearing_Necklace", "Wearing_Necktie", "Young"),
          true);

  /** ImageNet's 1000 classes, named by index only (backbone pre-training). */
  public static LabelSpace indexed(String name, int n) {
    List<String> names = java.util.stream.IntStream.range(0, n).mapToObj(i -> "class_" + i).toList();
    return new LabelSpace(name, names, false);
  }

  public LabelSpace {
    classes = List.copyOf(classes);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("label space " + name + " has no classes");
    }
  }

  public int size() {
    return classes.size();
  }

  public String nameOf(int index) {
    return classes.get(index);
  }

  /** Index of a class name, case-insensitive; an unknown name is an error listing the valid ones. */
  public int indexOf(String className) {
    for (int i = 0; i < classes.size(); i++) {
      if (classes.get(i).equalsIgnoreCase(className.trim())) {
        return i;
      }
    }
    throw FerException.badInput(
        "unknown class '" + className + "' in label space " + name + "; valid: " + classes);
  }

  /** The expression space with the given number of classes (7 or 8). */
  public static LabelSpace expressions(int n) {
    return switch (n) {
      case 7 -> EXPRESSION_7;
      case 8 -> EXPRESSION_8;
      default -> throw FerException.badInput(
          String.format(Locale.ROOT, "expression label spaces have 7 or 8 classes, not %d", n));
    };
  }
}

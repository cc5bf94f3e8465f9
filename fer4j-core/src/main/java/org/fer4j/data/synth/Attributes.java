package org.fer4j.data.synth;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.fer4j.data.LabelSpace;

/**
 * CelebA-style binary attributes of a rendered face, in the order of {@link
 * LabelSpace#CELEBA_40}. Only attributes the renderer actually draws are ever positive; the rest
 * ({@link #NOT_RENDERED}) are always -1, as a reader of the files will see.
 */
public final class Attributes {
  private Attributes() {}

  /** What an attribute rule may look at. */
  record Facts(Identity id, FaceGeometry geo, float[] au, Nuisance nuisance) {}

  /** Attributes with no rendering; always written as -1. */
  public static final List<String> NOT_RENDERED =
      List.of("Attractive", "Bags_Under_Eyes", "Double_Chin", "Receding_Hairline");

  private static final Map<String, Predicate<Facts>> RULES =
      Map.ofEntries(
          Map.entry("5_o_Clock_Shadow", f -> f.id.extras().stubble()),
          Map.entry("Arched_Eyebrows", f -> f.id.browArch() > 0.65f),
          Map.entry("Bald", f -> f.id.hair().bald()),
          Map.entry("Bangs", f -> f.id.hair().bangs()),
          Map.entry("Big_Lips", f -> f.id.lipThickness() > 1.2f),
          Map.entry("Big_Nose", f -> f.id.noseWidth() > 8f),
          Map.entry("Black_Hair", f -> hasHair(f, Identity.HairColour.BLACK)),
          Map.entry("Blond_Hair", f -> hasHair(f, Identity.HairColour.BLOND)),
          Map.entry("Blurry", f -> f.nuisance.blurRadius() >= 2),
          Map.entry("Brown_Hair", f -> hasHair(f, Identity.HairColour.BROWN)),
          Map.entry("Bushy_Eyebrows", f -> f.id.browThickness() > 2.8f),
          Map.entry("Chubby", f -> f.id.faceWidth() > 64f),
          Map.entry("Eyeglasses", f -> f.id.extras().eyeglasses()),
          Map.entry("Goatee", f -> f.id.extras().goatee()),
          Map.entry("Gray_Hair", f -> hasHair(f, Identity.HairColour.GRAY)),
          Map.entry("Heavy_Makeup", f -> f.id.extras().lipstick() && f.id.extras().rosyCheeks()),
          Map.entry("High_Cheekbones", f -> f.au[ActionUnit.CHEEK_RAISER.ordinal()] > 0.4f),
          Map.entry("Male", f -> f.id.male()),
          Map.entry("Mouth_Slightly_Open", f -> f.geo.mouthOpening() > 1.0f),
          Map.entry("Mustache", f -> f.id.extras().mustache() || f.id.extras().beard()),
          Map.entry("Narrow_Eyes", f -> f.geo.eyeOpenness() < 0.75f),
          Map.entry("No_Beard", f -> !f.id.extras().beard() && !f.id.extras().goatee()),
          Map.entry("Oval_Face", f -> f.id.jawSquareness() < 0.3f),
          Map.entry("Pale_Skin", f -> luma(f.id.skinRgb()) > 215),
          Map.entry("Pointy_Nose", f -> f.id.noseWidth() < 6f),
          Map.entry("Rosy_Cheeks", f -> f.id.extras().rosyCheeks()),
          Map.entry("Sideburns", f -> f.id.extras().beard()),
          Map.entry("Smiling", f -> f.au[ActionUnit.LIP_CORNER_PULLER.ordinal()] > 0.35f),
          Map.entry("Straight_Hair", f -> !f.id.hair().bald() && !f.id.hair().wavy()),
          Map.entry("Wavy_Hair", f -> !f.id.hair().bald() && f.id.hair().wavy()),
          Map.entry("Wearing_Earrings", f -> f.id.extras().earrings()),
          Map.entry("Wearing_Hat", f -> f.id.extras().hat()),
          Map.entry("Wearing_Lipstick", f -> f.id.extras().lipstick()),
          Map.entry("Wearing_Necklace", f -> f.id.extras().necklace()),
          Map.entry("Wearing_Necktie", f -> f.id.extras().necktie()),
          Map.entry("Young", f -> f.id.hair().colour() != Identity.HairColour.GRAY));

  /** The names of attributes the renderer draws (positive for some faces). */
  public static List<String> rendered() {
    return LabelSpace.CELEBA_40.classes().stream().filter(RULES::containsKey).toList();
  }

  /** The 40 attributes as +1/-1 in CelebA order. */
  static int[] of(Identity id, FaceGeometry geo, float[] au, Nuisance nuisance) {
    Facts facts = new Facts(id, geo, au, nuisance);
    List<String> names = LabelSpace.CELEBA_40.classes();
    int[] values = new int[names.size()];
    for (int i = 0; i < values.length; i++) {
      Predicate<Facts> rule = RULES.get(names.get(i));
      values[i] = rule != null && rule.test(facts) ? 1 : -1;
    }
    return values;
  }

  private static boolean hasHair(Facts f, Identity.HairColour colour) {
    return !f.id.hair().bald() && f.id.hair().colour() == colour;
  }

  private static int luma(int rgb) {
    return (299 * ((rgb >> 16) & 255) + 587 * ((rgb >> 8) & 255) + 114 * (rgb & 255)) / 1000;
  }
}

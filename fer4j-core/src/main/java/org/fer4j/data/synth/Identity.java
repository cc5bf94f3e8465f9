package org.fer4j.data.synth;

import java.util.SplittableRandom;

/**
 * Everything about a synthetic person that stays the same across their images: face shape,
 * skin, eye/brow/nose/mouth geometry, hair, accessories and the personal way they express
 * (per-unit style multipliers and a resting face). Lengths are in design units of a 100x100
 * canvas with the face centre at (50, 50).
 */
public record Identity(
    int id,
    boolean male,
    float faceWidth,
    float faceHeight,
    float jawSquareness,
    int skinRgb,
    float eyeSpacing,
    float eyeWidth,
    float eyeOpening,
    int irisRgb,
    float browGap,
    float browThickness,
    float browArch,
    float noseLength,
    float noseWidth,
    float mouthWidth,
    float lipThickness,
    int lipRgb,
    Hair hair,
    Extras extras,
    float[] auStyle,
    float[] restingAus) {

  /** Hair colours CelebA has attributes for. */
  public enum HairColour {
    BLACK(0x231C18),
    BROWN(0x6A4127),
    BLOND(0xD9B772),
    GRAY(0xA8A7A2);

    final int rgb;

    HairColour(int rgb) {
      this.rgb = rgb;
    }
  }

  /** Hair: colour and style flags. */
  public record Hair(HairColour colour, boolean bald, boolean longHair, boolean bangs, boolean wavy) {}

  /** Accessories and facial hair. */
  public record Extras(
      boolean eyeglasses,
      boolean hat,
      int hatRgb,
      boolean mustache,
      boolean goatee,
      boolean beard,
      boolean stubble,
      boolean earrings,
      boolean lipstick,
      boolean necklace,
      boolean necktie,
      boolean rosyCheeks,
      int shirtRgb) {}

  private static final int[] SKIN = {
    0xFFE0C4, 0xF1C2A7, 0xE0AC8C, 0xC68663, 0xA16646, 0x7A4C34, 0x5A3828
  };

  private static final int[] IRIS = {0x3B2A1E, 0x5C3B22, 0x3E6A8C, 0x4F6B3A, 0x6B6B6B};

  /** Draws identity {@code id} from the generator's seed. */
  public static Identity draw(long seed, int id) {
    SplittableRandom r = Seeds.stream(seed, 0x1D, id);
    boolean male = r.nextBoolean();
    int skin = jitterRgb(SKIN[r.nextInt(SKIN.length)], r, 10);
    float faceW = Seeds.uniform(r, 54, 66) + (male ? 2 : 0);
    float faceH = Seeds.uniform(r, 68, 78);
    Hair hair = drawHair(r, male);
    Extras extras = drawExtras(r, male);
    float lipBase = male ? 0.55f : 0.75f;
    int lip =
        extras.lipstick()
            ? jitterRgb(0xB0283A, r, 20)
            : blend(skin, 0xA0504A, lipBase * Seeds.uniform(r, 0.5f, 0.8f));
    return new Identity(
        id, male, faceW, faceH, Seeds.uniform(r, 0, 1), skin,
        Seeds.uniform(r, 11, 13.5), Seeds.uniform(r, 8.5, 11), Seeds.uniform(r, 0.8, 1.2),
        IRIS[r.nextInt(IRIS.length)],
        Seeds.uniform(r, 6, 8.5), Seeds.uniform(r, 1.4, 3.4), Seeds.uniform(r, 0, 1),
        Seeds.uniform(r, 10, 14), Seeds.uniform(r, 5, 9),
        Seeds.uniform(r, 15, 20), Seeds.uniform(r, 0.7, 1.4), lip,
        hair, extras, drawStyle(r), drawRestingFace(r));
  }

  private static Hair drawHair(SplittableRandom r, boolean male) {
    HairColour[] colours = HairColour.values();
    double[] weights = {0.4, 0.32, 0.16, 0.12};
    double u = r.nextDouble();
    int c = 0;
    for (double acc = weights[0]; u > acc && c < colours.length - 1; acc += weights[++c]) {
      // walk the cumulative weights
    }
    boolean bald = male && Seeds.chance(r, 0.12);
    boolean longHair = !bald && Seeds.chance(r, male ? 0.12 : 0.7);
    boolean bangs = !bald && Seeds.chance(r, 0.28);
    return new Hair(colours[c], bald, longHair, bangs, Seeds.chance(r, 0.35));
  }

  private static Extras drawExtras(SplittableRandom r, boolean male) {
    boolean beard = male && Seeds.chance(r, 0.25);
    return new Extras(
        Seeds.chance(r, 0.18),
        Seeds.chance(r, 0.1),
        jitterRgb(0x3A4A6A, r, 60),
        male && Seeds.chance(r, 0.25),
        male && !beard && Seeds.chance(r, 0.1),
        beard,
        male && !beard && Seeds.chance(r, 0.2),
        !male && Seeds.chance(r, 0.45),
        !male && Seeds.chance(r, 0.45),
        Seeds.chance(r, male ? 0.05 : 0.2),
        male && Seeds.chance(r, 0.15),
        Seeds.chance(r, 0.15),
        jitterRgb(0x506080, r, 90));
  }

  /** How strongly this person shows each unit: 0.6..1.35 of the prototype. */
  private static float[] drawStyle(SplittableRandom r) {
    float[] s = new float[ActionUnit.COUNT];
    for (int i = 0; i < s.length; i++) {
      s[i] = Seeds.uniform(r, 0.6, 1.35);
    }
    return s;
  }

  /**
   * A resting face: some people look a little sad, surprised or smiling at rest, which is what
   * makes low-intensity expressions of different classes overlap.
   */
  private static float[] drawRestingFace(SplittableRandom r) {
    float[] rest = new float[ActionUnit.COUNT];
    for (int i = 0; i < rest.length; i++) {
      rest[i] = Seeds.chance(r, 0.3) ? Seeds.uniform(r, 0, 0.22) : 0f;
    }
    return rest;
  }

  static int jitterRgb(int rgb, SplittableRandom r, int amount) {
    int red = clamp(((rgb >> 16) & 255) + r.nextInt(-amount, amount + 1));
    int green = clamp(((rgb >> 8) & 255) + r.nextInt(-amount, amount + 1));
    int blue = clamp((rgb & 255) + r.nextInt(-amount, amount + 1));
    return (red << 16) | (green << 8) | blue;
  }

  /** Linear blend of two RGB colours; t=0 gives a, t=1 gives b. */
  static int blend(int a, int b, float t) {
    int red = Math.round(((a >> 16) & 255) * (1 - t) + ((b >> 16) & 255) * t);
    int green = Math.round(((a >> 8) & 255) * (1 - t) + ((b >> 8) & 255) * t);
    int blue = Math.round((a & 255) * (1 - t) + (b & 255) * t);
    return (clamp(red) << 16) | (clamp(green) << 8) | clamp(blue);
  }

  static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }
}

package org.fer4j.data.synth;

import java.util.SplittableRandom;

/**
 * The FACS action units the renderer can show, and the expression prototypes built from them.
 *
 * <p>Prototypes follow EMFACS-style combinations of action units (Ekman and
 * Friesen, "Facial Action Coding System", 1978; Ekman, Friesen, Hager, FACS manual, 2002):
 * Happiness AU6+12; Sadness AU1+4+15; Surprise AU1+2+5+26; Fear AU1+2+4+5+20+26; Anger AU4+5+7+23;
 * Disgust AU9+10+15; Neutral none. The weights inside a prototype are ours: they say how strongly
 * each unit shows at full intensity.
 */
public enum ActionUnit {
  INNER_BROW_RAISER(1),
  OUTER_BROW_RAISER(2),
  BROW_LOWERER(4),
  UPPER_LID_RAISER(5),
  CHEEK_RAISER(6),
  LID_TIGHTENER(7),
  NOSE_WRINKLER(9),
  UPPER_LIP_RAISER(10),
  LIP_CORNER_PULLER(12),
  LIP_CORNER_DEPRESSOR(15),
  LIP_STRETCHER(20),
  LIP_TIGHTENER(23),
  JAW_DROP(26);

  /** Number of units, the length of every AU activation vector. */
  public static final int COUNT = values().length;

  private final int facsNumber;

  ActionUnit(int facsNumber) {
    this.facsNumber = facsNumber;
  }

  /** The FACS number, e.g. 12 for the lip corner puller. */
  public int facsNumber() {
    return facsNumber;
  }

  /**
   * Prototype activations per canonical class (Surprise, Fear, Disgust, Happiness, Sadness,
   * Anger, Neutral), one row per class, one column per unit in declaration order.
   */
  private static final float[][] PROTOTYPES = {
    // AU1  AU2  AU4  AU5  AU6  AU7  AU9  AU10 AU12 AU15 AU20 AU23 AU26
    {1.0f, 1.0f, 0f, 0.9f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 1.0f}, // Surprise
    {1.0f, 0.6f, 0.8f, 1.0f, 0f, 0f, 0f, 0f, 0f, 0f, 1.0f, 0f, 0.45f}, // Fear
    {0f, 0f, 0.35f, 0f, 0f, 0.3f, 1.0f, 1.0f, 0f, 0.7f, 0f, 0f, 0f}, // Disgust
    {0f, 0f, 0f, 0f, 1.0f, 0f, 0f, 0f, 1.0f, 0f, 0f, 0f, 0f}, // Happiness
    {1.0f, 0f, 0.7f, 0f, 0f, 0f, 0f, 0f, 0f, 1.0f, 0f, 0f, 0f}, // Sadness
    {0f, 0f, 1.0f, 0.5f, 0f, 1.0f, 0f, 0f, 0f, 0f, 0f, 1.0f, 0f}, // Anger
    new float[COUNT], // Neutral
  };

  /** Number of expression classes with a prototype (the canonical seven). */
  public static final int CLASSES = PROTOTYPES.length;

  /** A copy of the prototype of a canonical class index (0..6). */
  public static float[] prototype(int label) {
    return PROTOTYPES[label].clone();
  }

  /**
   * The activation vector shown on a face: the identity's resting face, plus image-level noise
   * that does not depend on the label, plus the class prototype scaled by intensity and by the
   * identity's personal style. At intensity 0 the label has no influence at all, so every class
   * collapses to that identity's neutral face; at low intensity the classes overlap.
   *
   * @param label canonical class index 0..6
   * @param intensity expression intensity in [0,1]
   * @param identity whose resting face and style to use
   * @param imageNoise per-image activation noise (same length as {@link #COUNT})
   */
  public static float[] express(int label, float intensity, Identity identity, float[] imageNoise) {
    float[] proto = PROTOTYPES[label];
    float[] style = identity.auStyle();
    float[] rest = identity.restingAus();
    float[] au = new float[COUNT];
    for (int i = 0; i < COUNT; i++) {
      float v = rest[i] + imageNoise[i] + intensity * proto[i] * style[i];
      au[i] = Math.max(0f, Math.min(1.2f, v));
    }
    return au;
  }

  /** Small label-independent activation noise for one image. */
  static float[] noise(SplittableRandom r, float amplitude) {
    float[] n = new float[COUNT];
    for (int i = 0; i < COUNT; i++) {
      n[i] = (float) ((r.nextDouble() - 0.5) * 2 * amplitude);
    }
    return n;
  }
}

package org.fer4j.data.synth;

import java.util.SplittableRandom;

/**
 * SynthFER's deterministic catalogue: which face, expression, intensity, nuisances and occluder
 * image {@code i} of each part has, from (seed, part, index) alone. The first {@code (1 -
 * testFraction)} of the still images are training images of training identities; the rest, and
 * all occluded images, show held-out identities (subject-independent test, as in RAF-DB practice).
 */
public final class SynthFer {
  /** Canonical class index of Neutral in {@code LabelSpace.EXPRESSION_7}. */
  public static final int NEUTRAL = 6;

  /**
   * Class frequencies: square roots of the RAF-DB basic class counts (Surprise 1619, Fear 355,
   * Disgust 877, Happiness 5957, Sadness 2460, Anger 867, Neutral 3204), so the data is
   * imbalanced like the real set but every class has enough examples to learn.
   */
  static final double[] CLASS_WEIGHTS = {40.2, 18.8, 29.6, 77.2, 49.6, 29.4, 56.6};

  private static final int PART_IMAGE = 1;
  private static final int PART_OCCLUDED = 2;
  private static final int PART_CLIP = 3;

  private final SynthConfig config;
  private final int trainIdentities;

  public SynthFer(SynthConfig config) {
    this.config = config;
    this.trainIdentities =
        Math.max(1, Math.min(config.identities() - 1, Math.round(config.identities() * (1 - config.testFraction()))));
  }

  public SynthConfig config() {
    return config;
  }

  /** Number of training images; image indices below this are train, the rest test. */
  public int trainImages() {
    return Math.round(config.images() * (1 - config.testFraction()));
  }

  /** The spec of still image {@code index}. */
  public FaceSpec image(int index) {
    SplittableRandom r = Seeds.stream(config.seed(), PART_IMAGE, index);
    boolean test = index >= trainImages();
    return draw(r, pickClass(r), identity(r, test), Occlusion.NONE);
  }

  /** The spec of occluded test image {@code index} (FED-RO-like: balanced classes). */
  public FaceSpec occluded(int index) {
    SplittableRandom r = Seeds.stream(config.seed(), PART_OCCLUDED, index);
    int label = r.nextInt(ActionUnit.CLASSES);
    Occlusion occ = Occlusion.REAL[r.nextInt(Occlusion.REAL.length)];
    return draw(r, label, identity(r, true), occ);
  }

  /** The script of clip {@code index}; its fold is {@code index % 5}. */
  public ClipScript clip(int index) {
    SplittableRandom r = Seeds.stream(config.seed(), PART_CLIP, index);
    int label = pickClass(r);
    FaceSpec apex = draw(r, label, identity(r, false), Occlusion.NONE);
    if (label != NEUTRAL) {
      apex = apex.withExpression(label, Seeds.uniform(r, 0.45, 1.0));
    }
    int frames = r.nextInt(config.minFrames(), config.maxFrames() + 1);
    return ClipScript.script(apex, frames, config.nuisance(), r);
  }

  private FaceSpec draw(SplittableRandom r, int label, Identity id, Occlusion occ) {
    float intensity = label == NEUTRAL ? 0f : Seeds.uniform(r, config.minIntensity(), 1.0);
    float[] noise = ActionUnit.noise(r, 0.08f);
    Nuisance n = Nuisance.draw(r, config.nuisance());
    return new FaceSpec(id, label, intensity, noise, n, occ, r.nextLong());
  }

  private Identity identity(SplittableRandom r, boolean test) {
    int id = test
        ? trainIdentities + r.nextInt(config.identities() - trainIdentities)
        : r.nextInt(trainIdentities);
    return Identity.draw(config.seed(), id);
  }

  /** Draws a class index from {@link #CLASS_WEIGHTS}. */
  static int pickClass(SplittableRandom r) {
    double total = 0;
    for (double w : CLASS_WEIGHTS) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int c = 0; c < CLASS_WEIGHTS.length; c++) {
      u -= CLASS_WEIGHTS[c];
      if (u < 0) {
        return c;
      }
    }
    return CLASS_WEIGHTS.length - 1;
  }
}

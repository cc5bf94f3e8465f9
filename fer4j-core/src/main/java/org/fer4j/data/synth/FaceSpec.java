package org.fer4j.data.synth;

/**
 * Everything needed to render one face image; rendering the same spec twice gives the same
 * pixels.
 *
 * @param identity who is shown
 * @param label canonical expression index 0..6 (Surprise ... Neutral)
 * @param intensity expression intensity in [0,1]
 * @param auNoise label-independent per-image action-unit noise
 * @param nuisance pose, lighting, noise, blur and background
 * @param occlusion occluder in front of the face
 * @param occlusionSeed seed for the occluder's placement
 */
public record FaceSpec(
    Identity identity,
    int label,
    float intensity,
    float[] auNoise,
    Nuisance nuisance,
    Occlusion occlusion,
    long occlusionSeed) {

  public FaceSpec {
    if (label < 0 || label >= ActionUnit.CLASSES) {
      throw new IllegalArgumentException("label must be 0.." + (ActionUnit.CLASSES - 1) + ", was " + label);
    }
    if (!(intensity >= 0 && intensity <= 1)) {
      throw new IllegalArgumentException("intensity must be in [0,1], was " + intensity);
    }
    auNoise = auNoise.clone();
  }

  /** The same face with another label and intensity (everything else unchanged). */
  public FaceSpec withExpression(int newLabel, float newIntensity) {
    return new FaceSpec(identity, newLabel, newIntensity, auNoise, nuisance, occlusion, occlusionSeed);
  }

  /** The same face with another occluder. */
  public FaceSpec withOcclusion(Occlusion newOcclusion) {
    return new FaceSpec(identity, label, intensity, auNoise, nuisance, newOcclusion, occlusionSeed);
  }

  /** The same face under other nuisances. */
  public FaceSpec withNuisance(Nuisance newNuisance) {
    return new FaceSpec(identity, label, intensity, auNoise, newNuisance, occlusion, occlusionSeed);
  }

  @Override
  public float[] auNoise() {
    return auNoise.clone();
  }
}

package org.fer4j.data.synth;

/**
 * Where the moving parts of a face are, in design units (100x100 canvas, y down), after the
 * action units have acted on an identity's neutral geometry. Left/right values are for the
 * image's right side (s = +1); the painter mirrors x for the other side.
 *
 * <p>The mapping from units to displacements is a hand-made approximation of the appearance
 * changes the FACS manual describes for each unit (e.g. AU1 raises the inner brow and wrinkles
 * the forehead centre, AU12 pulls the lip corners up and out and deepens the nasolabial fold).
 */
public record FaceGeometry(
    float eyeY,
    float eyeHalfWidth,
    float upperLid,
    float lowerLid,
    float browInnerX,
    float browInnerY,
    float browOuterX,
    float browOuterY,
    float browArch,
    float foreheadWrinkles,
    float glabellaLines,
    float noseTipY,
    float nostrilHalfWidth,
    float noseWrinkles,
    float mouthY,
    float mouthHalfWidth,
    float cornerDrop,
    float upperLipRaise,
    float upperLipThickness,
    float lowerLipThickness,
    float mouthOpening,
    float cheekRaise,
    float nasolabial,
    float chinDrop) {

  /** Baseline eye-line height. */
  static final float EYE_LINE = 46f;

  /** Applies the activation vector {@code au} to the identity's neutral face. */
  public static FaceGeometry of(Identity id, float[] au) {
    float a1 = au[ActionUnit.INNER_BROW_RAISER.ordinal()];
    float a2 = au[ActionUnit.OUTER_BROW_RAISER.ordinal()];
    float a4 = au[ActionUnit.BROW_LOWERER.ordinal()];
    float a5 = au[ActionUnit.UPPER_LID_RAISER.ordinal()];
    float a6 = au[ActionUnit.CHEEK_RAISER.ordinal()];
    float a7 = au[ActionUnit.LID_TIGHTENER.ordinal()];
    float a9 = au[ActionUnit.NOSE_WRINKLER.ordinal()];
    float a10 = au[ActionUnit.UPPER_LIP_RAISER.ordinal()];
    float a12 = au[ActionUnit.LIP_CORNER_PULLER.ordinal()];
    float a15 = au[ActionUnit.LIP_CORNER_DEPRESSOR.ordinal()];
    float a20 = au[ActionUnit.LIP_STRETCHER.ordinal()];
    float a23 = au[ActionUnit.LIP_TIGHTENER.ordinal()];
    float a26 = au[ActionUnit.JAW_DROP.ordinal()];

    float eyeY = EYE_LINE;
    float upper = 3.3f * id.eyeOpening() * (1 + 1.0f * a5 - 0.6f * a7 - 0.3f * a6 - 0.25f * a9);
    float lower = 2.3f * (1 - 0.55f * a6 - 0.5f * a7 + 0.25f * a5);
    float browBase = eyeY - id.browGap();
    float innerX = 50 + id.eyeSpacing() - id.eyeWidth() * 0.5f - 2.6f * a4;
    // In the 1+4 combination the inner brows rise and knit together (FACS): AU4 mostly pulls in.
    float innerY = browBase - 5.0f * a1 + 5.0f * a4 * (1 - 0.75f * Math.min(1f, a1)) + 1.5f * a9;
    float outerX = 50 + id.eyeSpacing() + id.eyeWidth() * 0.68f;
    float outerY = browBase + 1.2f - 5.0f * a2 + 0.8f * a4 - 0.6f * a4 * a4 + 0.8f * a1 * (1 - a2);
    float arch = (1.2f + 2.4f * id.browArch()) * (1 - 0.6f * a4) + 1.5f * a2;

    float noseTip = eyeY + id.noseLength();
    float nostril = id.noseWidth() * 0.5f * (1 + 0.25f * a9 + 0.1f * a10);
    float mouthY = noseTip + 8.5f + 1.5f * a26 - 1.0f * a10;
    float mouthHalf = id.mouthWidth() * 0.5f * (1 + 0.3f * a12 + 0.34f * a20 - 0.22f * a23 - 0.22f * a26);
    float cornerDrop = -4.6f * a12 + 4.8f * a15 + 1.0f * a20 - 0.6f * a10;
    float opening = 10.5f * a26 + 4.5f * Math.max(0, a12 - 0.5f) + 2.2f * a10 + 1.6f * a20;
    float upperThick = 2.1f * id.lipThickness() * (1 - 0.65f * a23) * (1 - 0.25f * a12);
    float lowerThick = 2.7f * id.lipThickness() * (1 - 0.6f * a23) * (1 - 0.2f * a20) * (1 + 0.3f * a15);
    return new FaceGeometry(
        eyeY, id.eyeWidth() * 0.5f, upper, Math.max(0.6f, lower),
        innerX, innerY, outerX, outerY, arch,
        Math.max(a1, a2 * 0.8f), a4, noseTip - 1.2f * a9 - 0.6f * a10, nostril, a9,
        mouthY, mouthHalf, cornerDrop, 2.6f * a10, upperThick, lowerThick, opening,
        a6, Math.max(Math.max(a12 * 0.9f, a10 * 0.7f), a9 * 0.6f), 3.0f * a26);
  }

  /** How open the eyes look relative to an average neutral eye (1.0); used for Narrow_Eyes. */
  public float eyeOpenness() {
    return (upperLid + lowerLid) / 5.6f;
  }
}

package org.fer4j.data.synth;

import java.util.SplittableRandom;

/**
 * A dynamic expression: one face spec played over {@code frames} frames with a per-frame
 * intensity that goes neutral -> onset -> apex -> offset, and a small smooth head motion. The
 * per-frame intensity is what intensity-aware losses (IAL, the CAI loss) reason about.
 *
 * @param base the face at apex, with the clip's nuisances
 * @param intensities per-frame expression intensity in [0,1]
 * @param rotation per-frame extra rotation in degrees
 * @param shiftX per-frame extra horizontal shift in design units
 * @param shiftY per-frame extra vertical shift in design units
 */
public record ClipScript(
    FaceSpec base, float[] intensities, float[] rotation, float[] shiftX, float[] shiftY) {

  /** Number of frames. */
  public int frames() {
    return intensities.length;
  }

  /** The spec of frame {@code t} (0-based). */
  public FaceSpec frame(int t) {
    Nuisance n = base.nuisance();
    Nuisance moved =
        new Nuisance(
            n.rotationDeg() + rotation[t], n.scale(), n.shiftX() + shiftX[t], n.shiftY() + shiftY[t],
            n.lightAngle(), n.lightStrength(), n.castRgb(), n.noiseSigma(), n.blurRadius(),
            n.clutter(), n.backgroundRgb(), n.textureSeed());
    return base.withExpression(base.label(), intensities[t]).withNuisance(moved);
  }

  /**
   * Scripts a clip: a neutral lead-in of 1-3 frames, an onset of 3-6 frames (smoothstep), a hold
   * at apex, and an offset over the last 0-4 frames down to 40-80 % of the apex.
   *
   * @param base face at apex intensity ({@code base.intensity()})
   * @param frames number of frames, at least 16
   * @param motion head motion scale (0 = none)
   */
  static ClipScript script(FaceSpec base, int frames, float motion, SplittableRandom r) {
    float apex = base.intensity();
    int lead = r.nextInt(1, 4);
    int onset = r.nextInt(3, 7);
    int offset = r.nextInt(0, 5);
    float offsetLevel = Seeds.uniform(r, 0.4, 0.8);
    float[] intensity = new float[frames];
    for (int t = 0; t < frames; t++) {
      float a;
      if (t < lead) {
        a = 0;
      } else if (t < lead + onset) {
        float u = (t - lead + 1) / (float) onset;
        a = u * u * (3 - 2 * u);
      } else if (t >= frames - offset) {
        float u = (t - (frames - offset) + 1) / (float) offset;
        a = 1 - (1 - offsetLevel) * u;
      } else {
        a = 1;
      }
      intensity[t] = apex * a;
    }
    float rotAmp = Seeds.uniform(r, 1, 4) * motion;
    float shiftAmp = Seeds.uniform(r, 0.5, 2) * motion;
    float phase = Seeds.uniform(r, 0, 2 * Math.PI);
    float cycles = Seeds.uniform(r, 0.5, 1.5);
    float[] rot = new float[frames];
    float[] sx = new float[frames];
    float[] sy = new float[frames];
    for (int t = 0; t < frames; t++) {
      double w = 2 * Math.PI * cycles * t / frames + phase;
      rot[t] = (float) (rotAmp * Math.sin(w));
      sx[t] = (float) (shiftAmp * Math.cos(w));
      sy[t] = (float) (shiftAmp * 0.5 * Math.sin(2 * w));
    }
    return new ClipScript(base, intensity, rot, sx, sy);
  }
}

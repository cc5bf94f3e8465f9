package org.fer4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.fer4j.data.LabelSpace;
import org.junit.jupiter.api.Test;

class SynthRendererTest {
  private static final int SIZE = 96;

  private static SynthFer synth(long seed) {
    return new SynthFer(SynthConfig.builder().optSeed(seed).optImages(100).build());
  }

  private static int[] pixels(BufferedImage img) {
    return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
  }

  /** Mean absolute difference over all pixels and channels, in 8-bit levels. */
  static double mad(BufferedImage a, BufferedImage b, Rectangle region) {
    long sum = 0;
    long n = 0;
    for (int y = region.y; y < region.y + region.height; y++) {
      for (int x = region.x; x < region.x + region.width; x++) {
        int p = a.getRGB(x, y);
        int q = b.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs(((p >> shift) & 255) - ((q >> shift) & 255));
          n++;
        }
      }
    }
    return (double) sum / n;
  }

  private static double mad(BufferedImage a, BufferedImage b) {
    return mad(a, b, new Rectangle(a.getWidth(), a.getHeight()));
  }

  private static FaceSpec clean(long seed, int identity, float[] auNoise) {
    return new FaceSpec(Identity.draw(seed, identity), SynthFer.NEUTRAL, 0f, auNoise, Nuisance.none(seed),
        Occlusion.NONE, 5);
  }

  @Test
  void sameSeedAndIndexGiveIdenticalPixelsAndOtherSeedsDiffer() {
    BufferedImage a = SynthRenderer.render(synth(7).image(3), SIZE).image();
    BufferedImage b = SynthRenderer.render(synth(7).image(3), SIZE).image();
    BufferedImage other = SynthRenderer.render(synth(8).image(3), SIZE).image();
    BufferedImage nextIndex = SynthRenderer.render(synth(7).image(4), SIZE).image();
    assertThat(pixels(a)).isEqualTo(pixels(b));
    assertThat(mad(a, other)).isGreaterThan(5.0);
    assertThat(mad(a, nextIndex)).isGreaterThan(5.0);
  }

  @Test
  void everyClassDiffersFromNeutralMoreThanNeutralsDifferAmongThemselves() {
    // Threshold: the within-class spread of Neutral caused by the label-independent per-image
    // action-unit noise (+-0.08 on all 13 units). An expression at full intensity must move pixels
    // clearly more, 1.5 times as much; Sadness (brows and mouth corners only) is the closest, at
    // about 1.9 times on this face.
    long seed = 11;
    FaceSpec neutral = clean(seed, 0, ActionUnit.noise(new SplittableRandom(1), 0.08f));
    FaceSpec otherNeutral = clean(seed, 0, ActionUnit.noise(new SplittableRandom(2), 0.08f));
    BufferedImage base = SynthRenderer.render(neutral, SIZE).image();
    double spread = mad(base, SynthRenderer.render(otherNeutral, SIZE).image());
    assertThat(spread).isGreaterThan(0.0);
    for (int label = 0; label < ActionUnit.CLASSES; label++) {
      if (label == SynthFer.NEUTRAL) {
        continue;
      }
      double d = mad(base, SynthRenderer.render(neutral.withExpression(label, 1f), SIZE).image());
      assertThat(d).as("%s vs Neutral (neutral spread %.3f)", LabelSpace.EXPRESSION_7.nameOf(label), spread)
          .isGreaterThan(1.5 * spread);
    }
  }

  @Test
  void intensityZeroIsExactlyTheNeutralFace() {
    FaceSpec spec = synth(5).image(10);
    int[] neutral = pixels(SynthRenderer.render(spec.withExpression(SynthFer.NEUTRAL, 0f), SIZE).image());
    for (int label = 0; label < ActionUnit.CLASSES; label++) {
      int[] zero = pixels(SynthRenderer.render(spec.withExpression(label, 0f), SIZE).image());
      assertThat(zero).as("class %d at intensity 0", label).isEqualTo(neutral);
    }
  }

  @Test
  void intensityGrowsTheDifferenceFromNeutral() {
    FaceSpec spec = clean(3, 1, new float[ActionUnit.COUNT]);
    BufferedImage neutral = SynthRenderer.render(spec, SIZE).image();
    int happiness = 3;
    double low = mad(neutral, SynthRenderer.render(spec.withExpression(happiness, 0.3f), SIZE).image());
    double high = mad(neutral, SynthRenderer.render(spec.withExpression(happiness, 1f), SIZE).image());
    assertThat(high).isGreaterThan(low);
  }

  @Test
  void occluderChangesItsRegionAndLeavesTheRestAlone() {
    FaceSpec spec = clean(9, 2, new float[ActionUnit.COUNT]).withExpression(3, 0.8f);
    BufferedImage plain = SynthRenderer.render(spec, SIZE).image();
    for (Occlusion occ : Occlusion.REAL) {
      SynthRenderer.Render r = SynthRenderer.render(spec.withOcclusion(occ), SIZE);
      Rectangle region = r.occluded();
      assertThat(region.isEmpty()).as(occ.name()).isFalse();
      double inside = mad(plain, r.image(), region);
      assertThat(inside).as("%s inside %s", occ, region).isGreaterThan(10.0);
      // Outside the region's bounding box (grown by 2 px for anti-aliasing) nothing changes.
      Rectangle grown = new Rectangle(region.x - 2, region.y - 2, region.width + 4, region.height + 4);
      long changedOutside = 0;
      for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
          if (!grown.contains(x, y) && plain.getRGB(x, y) != r.image().getRGB(x, y)) {
            changedOutside++;
          }
        }
      }
      assertThat(changedOutside).as(occ.name()).isZero();
    }
  }

  @Test
  void clipsRunFromNeutralToApexWithSixteenOrMoreFrames() {
    SynthFer s = synth(4);
    for (int i = 0; i < 10; i++) {
      ClipScript clip = s.clip(i);
      assertThat(clip.frames()).isBetween(16, 24);
      float[] in = clip.intensities();
      assertThat(in[0]).isZero();
      float max = 0;
      for (float v : in) {
        max = Math.max(max, v);
      }
      assertThat(max).isEqualTo(clip.base().intensity());
    }
  }

  @Test
  void attributesFollowTheIdentity() {
    SynthFer s = synth(21);
    int eyeglasses = LabelSpace.CELEBA_40.indexOf("Eyeglasses");
    int male = LabelSpace.CELEBA_40.indexOf("Male");
    int attractive = LabelSpace.CELEBA_40.indexOf("Attractive");
    for (int i = 0; i < 20; i++) {
      FaceSpec spec = s.image(i);
      int[] a = SynthRenderer.render(spec, 48).attributes();
      assertThat(a).hasSize(40);
      assertThat(a[eyeglasses] > 0).isEqualTo(spec.identity().extras().eyeglasses());
      assertThat(a[male] > 0).isEqualTo(spec.identity().male());
      assertThat(a[attractive]).isEqualTo(-1);
    }
  }
}

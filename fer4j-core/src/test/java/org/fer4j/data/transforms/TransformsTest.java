package org.fer4j.data.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fer4j.data.PreprocessConfig;
import org.junit.jupiter.api.Test;

class TransformsTest {

  /** A 3x{h}x{w} image whose values encode channel, row and column, all distinct and in [0,1]. */
  static FloatImage ramp(int h, int w) {
    float[] d = new float[3 * h * w];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) i / d.length;
    }
    return new FloatImage(3, h, w, d);
  }

  @Test
  void flippingTwiceIsTheIdentityAndOnceMirrorsColumns() {
    FloatImage x = ramp(5, 7);
    FloatImage once = HorizontalFlip.flip(x);
    assertThat(once.get(1, 2, 0)).isEqualTo(x.get(1, 2, 6));
    assertThat(HorizontalFlip.flip(once).data()).containsExactly(x.data());
  }

  @Test
  void normalisationMatchesHandComputedValues() {
    // ImageNet statistics: (0.5 - 0.485) / 0.229 = 0.0655022, (0.5 - 0.456) / 0.224 = 0.1964286,
    // (0.5 - 0.406) / 0.225 = 0.4177778; 1.0 in red: (1 - 0.485) / 0.229 = 2.2489083.
    FloatImage x = new FloatImage(3, 1, 2, new float[] {0.5f, 1f, 0.5f, 0.5f, 0.5f, 0.5f});
    FloatImage y = new Normalize(PreprocessConfig.imagenet(1)).apply(x, null);
    assertThat(y.data()[0]).isCloseTo(0.0655022f, within(1e-5f));
    assertThat(y.data()[1]).isCloseTo(2.2489083f, within(1e-5f));
    assertThat(y.data()[2]).isCloseTo(0.1964286f, within(1e-5f));
    assertThat(y.data()[4]).isCloseTo(0.4177778f, within(1e-5f));
  }

  @Test
  void grayConfigReducesToLumaBeforeNormalising() {
    FloatImage x = new FloatImage(3, 1, 1, new float[] {1f, 0f, 0f});
    FloatImage y = new Normalize(new float[] {0.5f}, new float[] {0.5f}).apply(x, null);
    assertThat(y.channels()).isEqualTo(1);
    assertThat(y.data()[0]).isCloseTo((0.299f - 0.5f) / 0.5f, within(1e-6f));
  }

  @Test
  void downscalingByTwoAveragesAndConstantImagesStayConstant() {
    FloatImage x = new FloatImage(1, 2, 2, new float[] {0f, 1f, 1f, 0f});
    assertThat(new Resize(1, 1).apply(x, null).data()[0]).isCloseTo(0.5f, within(1e-6f));
    float[] flat = new float[3 * 30 * 40];
    java.util.Arrays.fill(flat, 0.3f);
    FloatImage big = new Resize(112, 112).apply(new FloatImage(3, 30, 40, flat), null);
    assertThat(big.height()).isEqualTo(112);
    for (float v : big.data()) {
      assertThat(v).isCloseTo(0.3f, within(1e-5f));
    }
  }

  @Test
  void rotationByNinetyDegreesMovesTheRightEdgeToTheTop() {
    FloatImage x = FloatImage.zeros(1, 9, 9);
    x.data()[4 * 9 + 8] = 1f; // middle of the right edge
    FloatImage y = RandomRotation.rotate(x, 90f);
    assertThat(y.get(0, 0, 4)).isCloseTo(1f, within(1e-4f));
    assertThat(y.get(0, 4, 8)).isCloseTo(0f, within(1e-4f));
  }

  @Test
  void rotationKeepsTheInteriorOfAFlatImageAndBlanksTheCorners() {
    float[] flat = new float[3 * 21 * 21];
    java.util.Arrays.fill(flat, 0.7f);
    FloatImage y = RandomRotation.rotate(new FloatImage(3, 21, 21, flat), 30f);
    for (int c = 0; c < 3; c++) {
      assertThat(y.get(c, 10, 10)).isCloseTo(0.7f, within(1e-6f));
      assertThat(y.get(c, 7, 12)).isCloseTo(0.7f, within(1e-6f));
      assertThat(y.get(c, 0, 0)).isZero();
    }
    // A bright pixel right of the centre rotates 30 degrees counter-clockwise (up and left).
    FloatImage dot = FloatImage.zeros(1, 21, 21);
    dot.data()[10 * 21 + 18] = 1f;
    FloatImage r = RandomRotation.rotate(dot, 30f);
    // (8, 0) from the centre turns to (8 cos 30, -8 sin 30) = (6.93, -4): pixel (x 16.93, y 6).
    assertThat(r.get(0, 6, 17)).isGreaterThan(0.8f);
  }

  @Test
  void colourJitterFactorsActAsDefined() {
    FloatImage x = new FloatImage(3, 1, 2, new float[] {0.2f, 0.6f, 0.2f, 0.6f, 0.2f, 0.6f});
    ColorJitter jitter = new ColorJitter(0.5f, 0.5f, 0.5f, 0.1f);
    FloatImage brighter = jitter.apply(x, new ColorJitter.Factors(1.5f, 1f, 1f, 0f));
    assertThat(brighter.data()[0]).isCloseTo(0.3f, within(1e-6f));
    // Contrast 0 collapses every pixel to the mean gray (0.4).
    FloatImage flat = jitter.apply(x, new ColorJitter.Factors(1f, 0f, 1f, 0f));
    assertThat(flat.data()).containsOnly(0.4f);
    // Saturation 0 of a pure red pixel gives its luma in every channel.
    FloatImage red = new FloatImage(3, 1, 1, new float[] {1f, 0f, 0f});
    FloatImage gray = jitter.apply(red, new ColorJitter.Factors(1f, 1f, 0f, 0f));
    assertThat(gray.data()).containsOnly(0.299f);
    ColorJitter.Factors f = jitter.draw(new Random(1), 1, 1);
    assertThat(f.brightness()).isBetween(0.5f, 1.5f);
    assertThat(f.hue()).isBetween(-0.1f, 0.1f);
  }

  @Test
  void randomErasingZeroesExactlyItsBox() {
    FloatImage x = new FloatImage(3, 10, 10, filled(300, 1f));
    FloatImage y = new RandomErasing(1).apply(x, new RandomErasing.Box(2, 3, 4, 5));
    int zeros = 0;
    for (float v : y.data()) {
      zeros += v == 0f ? 1 : 0;
    }
    assertThat(zeros).isEqualTo(3 * 4 * 5);
    assertThat(y.get(0, 2, 3)).isZero();
    assertThat(y.get(0, 6, 3)).isEqualTo(1f);
    assertThat(new RandomErasing(0).draw(new Random(1), 10, 10)).isNull();
  }

  @Test
  void randomResizedCropStaysInsideTheImageAndHitsTheSize() {
    RandomResizedCrop crop = new RandomResizedCrop(112, 112, 0.5f, 1f, 0.75f, 1.333f);
    Random r = new Random(3);
    for (int i = 0; i < 200; i++) {
      RandomResizedCrop.Window w = crop.draw(r, 100, 80);
      assertThat(w.x()).isBetween(0f, 1f);
      assertThat(w.x() + w.w()).isLessThanOrEqualTo(1.0001f);
      assertThat(w.y() + w.h()).isLessThanOrEqualTo(1.0001f);
      assertThat(w.w() * w.h()).isBetween(0.49f, 1.0001f);
    }
    FloatImage out = crop.apply(ramp(100, 80), crop.draw(r, 100, 80));
    assertThat(out.height()).isEqualTo(112);
    assertThat(out.width()).isEqualTo(112);
  }

  @Test
  void clipPipelineGivesEveryFrameTheSameParameters() {
    Pipeline p = Pipeline.train(PreprocessConfig.imagenet(32));
    FloatImage frame = ramp(40, 40);
    List<FloatImage> clip = new ArrayList<>(List.of(frame, frame, frame, frame));
    List<FloatImage> out = p.applyClip(clip, new Random(9));
    for (FloatImage f : out) {
      assertThat(f.data()).containsExactly(out.get(0).data());
    }
    // Separate per-image draws of the same pipeline do differ.
    Random r = new Random(9);
    FloatImage a = p.apply(frame, r);
    FloatImage b = p.apply(frame, r);
    assertThat(a.data()).isNotEqualTo(b.data());
  }

  @Test
  void pipelinesAreSeeded() {
    Pipeline p = Pipeline.train(PreprocessConfig.imagenet(24));
    FloatImage frame = ramp(30, 30);
    assertThat(p.apply(frame, new Random(5)).data()).containsExactly(p.apply(frame, new Random(5)).data());
  }

  private static float[] filled(int n, float v) {
    float[] d = new float[n];
    java.util.Arrays.fill(d, v);
    return d;
  }
}

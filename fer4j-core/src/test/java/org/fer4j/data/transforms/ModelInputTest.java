package org.fer4j.data.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import org.fer4j.data.PreprocessConfig;
import org.junit.jupiter.api.Test;

/** Shapes, the evaluation steps and the clip layout of {@link ModelInput}. */
class ModelInputTest {
  private static final PreprocessConfig CLIP = PreprocessConfig.unitRange(4, 3);

  @Test
  void shapesAreNchwForImagesAndNcthwForClips() {
    assertThat(ModelInput.shape(PreprocessConfig.imagenet(112))).isEqualTo(new Shape(1, 3, 112, 112));
    assertThat(ModelInput.of(CLIP).shape(5)).isEqualTo(new Shape(5, 3, 3, 4, 4));
    assertThat(ModelInput.shape(2, 1, 1, 48, 40)).isEqualTo(new Shape(2, 1, 48, 40));
    assertThat(ModelInput.of(CLIP).itemLength()).isEqualTo(3 * 3 * 4 * 4);
  }

  @Test
  void prepareIsTheAntialiasedResizeThenNormalisation() {
    PreprocessConfig config = PreprocessConfig.imagenet(24);
    FloatImage photo = noise(3, 37, 53, 1);
    FloatImage eval = new Normalize(config).apply(new Resize(24, 24).apply(photo, null), null);
    FloatImage prepared = ModelInput.of(config).prepare(photo);
    assertThat(prepared.height()).isEqualTo(24);
    assertThat(prepared.width()).isEqualTo(24);
    assertThat(prepared.data()).containsExactly(eval.data());
  }

  @Test
  void clipFramesGoInChannelThenTimeOrder() {
    // frame f is a flat image of value f/10 in R, f/10 + 0.5 in G and B: each value marks (c, t)
    List<FloatImage> frames = List.of(flat(0), flat(1), flat(2));
    float[] batch = new float[1 + ModelInput.of(CLIP).itemLength()];
    ModelInput.of(CLIP).writeClip(frames, batch, 1);
    int plane = 16;
    assertThat(batch[0]).isZero();
    for (int c = 0; c < 3; c++) {
      for (int t = 0; t < 3; t++) {
        float expected = t / 10f + (c == 0 ? 0f : 0.5f);
        assertThat(batch[1 + (c * 3 + t) * plane]).as("c=%d t=%d", c, t).isEqualTo(expected);
        assertThat(batch[(c * 3 + t + 1) * plane]).as("last of c=%d t=%d", c, t).isEqualTo(expected);
      }
    }
  }

  @Test
  void clipWithTheWrongFrameCountIsRefused() {
    assertThatThrownBy(() -> ModelInput.of(CLIP).writeClip(List.of(flat(0)), new float[200], 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 frames, the model takes 3");
  }

  private static FloatImage flat(int frame) {
    float[] d = new float[3 * 16];
    for (int i = 0; i < 16; i++) {
      d[i] = frame / 10f;
      d[16 + i] = frame / 10f + 0.5f;
      d[32 + i] = frame / 10f + 0.5f;
    }
    return new FloatImage(3, 4, 4, d);
  }

  private static FloatImage noise(int channels, int height, int width, long seed) {
    Random random = new Random(seed);
    float[] d = new float[channels * height * width];
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextFloat();
    }
    return new FloatImage(channels, height, width, d);
  }
}

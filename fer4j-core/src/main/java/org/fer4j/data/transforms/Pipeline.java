package org.fer4j.data.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fer4j.data.PreprocessConfig;

/**
 * An ordered list of {@link ImageTransform}s. {@link #apply} draws fresh parameters per image;
 * {@link #applyClip} draws each step's parameters once (from the first frame's size at that step)
 * and applies them to every frame, so a clip is cropped, flipped, rotated and jittered as a whole.
 */
public final class Pipeline {
  private final List<ImageTransform<?>> steps;

  private Pipeline(List<ImageTransform<?>> steps) {
    this.steps = List.copyOf(steps);
  }

  public static Pipeline of(ImageTransform<?>... steps) {
    return new Pipeline(List.of(steps));
  }

  public static Pipeline of(List<ImageTransform<?>> steps) {
    return new Pipeline(steps);
  }

  /**
   * Training with fer4j's default augmentation ({@link Augmentations#DEFAULT}: random resized crop
   * with area 0.8-1 and ratio 0.9-1.1, flip, rotation up to 10 degrees, colour jitter 0.3), then
   * resize, normalisation and random erasing p=0.25.
   */
  public static Pipeline train(PreprocessConfig config) {
    return train(Augmentations.DEFAULT, config);
  }

  /**
   * Training with a recipe's augmentation steps, ending with resize and normalisation (random
   * erasing, when listed, after normalisation); see {@link Augmentations}.
   */
  public static Pipeline train(List<AugmentStep> augment, PreprocessConfig config) {
    return Augmentations.pipeline(augment, config);
  }

  /** Evaluation: resize to the input size and normalise, as {@link ModelInput} prepares every input. */
  public static Pipeline eval(PreprocessConfig config) {
    return of(ModelInput.of(config).steps());
  }

  public List<ImageTransform<?>> steps() {
    return steps;
  }

  /** Runs every step on one image with parameters drawn from {@code random}. */
  public FloatImage apply(FloatImage image, Random random) {
    FloatImage x = image;
    for (ImageTransform<?> step : steps) {
      x = once(step, x, random);
    }
    return x;
  }

  /** Runs every step on all frames with one parameter draw per step. */
  public List<FloatImage> applyClip(List<FloatImage> frames, Random random) {
    List<FloatImage> xs = new ArrayList<>(frames);
    for (ImageTransform<?> step : steps) {
      xs = shared(step, xs, random);
    }
    return xs;
  }

  private static <P> FloatImage once(ImageTransform<P> step, FloatImage x, Random random) {
    return step.apply(x, step.draw(random, x.height(), x.width()));
  }

  private static <P> List<FloatImage> shared(ImageTransform<P> step, List<FloatImage> xs, Random random) {
    P params = step.draw(random, xs.get(0).height(), xs.get(0).width());
    List<FloatImage> out = new ArrayList<>(xs.size());
    for (FloatImage x : xs) {
      out.add(step.apply(x, params));
    }
    return out;
  }
}

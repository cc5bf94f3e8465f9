package org.fer4j.data.transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fer4j.models.PreprocessConfig;

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
   * The default training augmentation for FER at the model's input size: random resized crop
   * (area 0.8-1, ratio 0.9-1.1, faces are already aligned), flip, rotation up to 10 degrees, colour
   * jitter 0.3, normalisation, random erasing p=0.25.
   */
  public static Pipeline train(PreprocessConfig config) {
    return of(
        new RandomResizedCrop(config.height(), config.width(), 0.8f, 1f, 0.9f, 1.1f),
        new HorizontalFlip(0.5),
        new RandomRotation(10),
        new ColorJitter(0.3f, 0.3f, 0.3f, 0f),
        new Normalize(config),
        new RandomErasing(0.25));
  }

  /** Evaluation: resize to the input size and normalise. */
  public static Pipeline eval(PreprocessConfig config) {
    return of(new Resize(config.height(), config.width()), new Normalize(config));
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

package org.fer4j.data.transforms;

import java.util.Random;

/**
 * One step of a pipeline, split into drawing random parameters and applying them. The split is
 * what makes clip-level augmentation exact: {@link Pipeline#applyClip} draws once and applies the
 * same parameters to every frame (as GCA+IAL's {@code GroupRandomSizedCrop} and group flips do).
 *
 * @param <P> the parameters of one application; deterministic steps use {@link Void} and null
 */
public interface ImageTransform<P> {

  /** Draws parameters for an input of the given size from the caller's seeded generator. */
  P draw(Random random, int height, int width);

  /** Applies the step with the given parameters; returns a new image, the input is unchanged. */
  FloatImage apply(FloatImage image, P params);
}

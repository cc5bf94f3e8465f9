package org.fer4j.data.synth;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fer4j.FerException;

/**
 * The parameters of a SynthFER generation run (docs/synthfer.md). Built DJL-style: {@code optX}
 * setters for everything (all have defaults), validation in {@link Builder#build()}.
 */
public final class SynthConfig {
  private final long seed;
  private final int size;
  private final int images;
  private final int clips;
  private final int occluded;
  private final int identities;
  private final float testFraction;
  private final float nuisance;
  private final double minIntensity;
  private final int minFrames;
  private final int maxFrames;
  private final int threads;
  private final float jpegQuality;

  private SynthConfig(Builder b) {
    seed = b.seed;
    size = b.size;
    images = b.images;
    clips = b.clips;
    occluded = b.occluded < 0 ? Math.max(70, images / 10) : b.occluded;
    identities = b.identities;
    testFraction = b.testFraction;
    nuisance = b.nuisance;
    minIntensity = b.minIntensity;
    minFrames = b.minFrames;
    maxFrames = b.maxFrames;
    threads = b.threads <= 0 ? Runtime.getRuntime().availableProcessors() : b.threads;
    jpegQuality = b.jpegQuality;
  }

  /** A builder with the defaults: seed 42, 112 px, 2000 images, 100 clips, 400 identities. */
  public static Builder builder() {
    return new Builder();
  }

  /** Master seed; every image depends only on it and its index. */
  public long seed() {
    return seed;
  }

  /** Image side in pixels. */
  public int size() {
    return size;
  }

  /** Number of still images (RAF-DB and CelebA folders). */
  public int images() {
    return images;
  }

  /** Number of clips (DFEW folder). */
  public int clips() {
    return clips;
  }

  /** Number of occluded test images (FED-RO folder). */
  public int occluded() {
    return occluded;
  }

  /** Size of the identity pool; the last {@code testFraction} of it appears only in test data. */
  public int identities() {
    return identities;
  }

  /** Share of images and identities held out for testing. */
  public float testFraction() {
    return testFraction;
  }

  /** Nuisance level in [0,1]: 0 gives clean, centred faces. */
  public float nuisance() {
    return nuisance;
  }

  /**
   * Lowest expression intensity of a non-neutral still image (default 0.2); still images draw
   * their intensity uniformly from [minIntensity, 1]. Clips keep their own apex range.
   */
  public double minIntensity() {
    return minIntensity;
  }

  /** Fewest frames per clip (at least 16). */
  public int minFrames() {
    return minFrames;
  }

  /** Most frames per clip. */
  public int maxFrames() {
    return maxFrames;
  }

  /** Render threads. */
  public int threads() {
    return threads;
  }

  /** JPEG quality in (0,1]. */
  public float jpegQuality() {
    return jpegQuality;
  }

  /** The parameters as an ordered map, for {@code synth.json}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", seed);
    m.put("size", size);
    m.put("images", images);
    m.put("clips", clips);
    m.put("occluded", occluded);
    m.put("identities", identities);
    m.put("testFraction", testFraction);
    m.put("nuisance", nuisance);
    m.put("minIntensity", minIntensity);
    m.put("minFrames", minFrames);
    m.put("maxFrames", maxFrames);
    m.put("jpegQuality", jpegQuality);
    return m;
  }

  /** Builder; every field has a default. */
  public static final class Builder {
    private long seed = 42;
    private int size = 112;
    private int images = 2000;
    private int clips = 100;
    private int occluded = -1;
    private int identities = 400;
    private float testFraction = 0.2f;
    private float nuisance = 1f;
    private double minIntensity = 0.2;
    private int minFrames = 16;
    private int maxFrames = 24;
    private int threads;
    private float jpegQuality = 0.92f;

    private Builder() {}

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder optSize(int size) {
      this.size = size;
      return this;
    }

    public Builder optImages(int images) {
      this.images = images;
      return this;
    }

    public Builder optClips(int clips) {
      this.clips = clips;
      return this;
    }

    /** Occluded test images; default max(70, images / 10). */
    public Builder optOccluded(int occluded) {
      this.occluded = occluded;
      return this;
    }

    public Builder optIdentities(int identities) {
      this.identities = identities;
      return this;
    }

    public Builder optTestFraction(float testFraction) {
      this.testFraction = testFraction;
      return this;
    }

    public Builder optNuisance(float nuisance) {
      this.nuisance = nuisance;
      return this;
    }

    /** Lowest intensity of non-neutral still images, in [0,1] (default 0.2). */
    public Builder optMinIntensity(double minIntensity) {
      this.minIntensity = minIntensity;
      return this;
    }

    public Builder optFrames(int min, int max) {
      this.minFrames = min;
      this.maxFrames = max;
      return this;
    }

    /** Render threads; 0 (default) uses every core. */
    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder optJpegQuality(float jpegQuality) {
      this.jpegQuality = jpegQuality;
      return this;
    }

    /** Validates and builds; a bad value is a {@link FerException} naming the field and range. */
    public SynthConfig build() {
      check(size >= 32 && size <= 1024, "size", size, "32..1024 pixels");
      check(images >= 0, "images", images, ">= 0");
      check(clips >= 0, "clips", clips, ">= 0");
      check(occluded >= -1, "occluded", occluded, ">= 0");
      check(identities >= 2, "identities", identities, ">= 2");
      check(testFraction > 0 && testFraction < 1, "testFraction", testFraction, "(0,1)");
      check(nuisance >= 0 && nuisance <= 1, "nuisance", nuisance, "[0,1]");
      check(minIntensity >= 0 && minIntensity <= 1, "minIntensity", minIntensity, "[0,1]");
      check(minFrames >= 16 && maxFrames >= minFrames, "frames", minFrames + ".." + maxFrames,
          "min >= 16 and max >= min (clips need 16+ frames)");
      check(jpegQuality > 0 && jpegQuality <= 1, "jpegQuality", jpegQuality, "(0,1]");
      return new SynthConfig(this);
    }

    private static void check(boolean ok, String field, Object value, String range) {
      if (!ok) {
        throw FerException.badInput("synth " + field + " = " + value + " is out of range; use " + range);
      }
    }
  }
}

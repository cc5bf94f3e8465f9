package org.fer4j.data.loader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.FerException;
import org.fer4j.data.FaceBox;
import org.fer4j.data.ImageRef;
import org.fer4j.data.Sample;
import org.fer4j.data.transforms.FloatImage;
import org.fer4j.data.transforms.ImageDecoder;
import org.fer4j.data.transforms.Pipeline;

/**
 * Turns one {@link Sample} into model input written straight into a batch buffer: decode (file or
 * in-memory pixels), crop the face box, pick frames for clips, run the pipeline (clip-level for
 * clips), check the size and copy.
 */
final class SampleReader {
  private final Pipeline pipeline;
  private final int frames;
  private final int channels;
  private final int height;
  private final int width;
  private final FrameSampler sampler;

  SampleReader(Pipeline pipeline, int frames, int channels, int height, int width, FrameSampler sampler) {
    this.pipeline = pipeline;
    this.frames = frames;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.sampler = sampler;
  }

  int itemLength() {
    return frames * channels * height * width;
  }

  /** Writes the sample at {@code dst[offset ..]}; throws a FerException naming the bad file. */
  void read(Sample sample, Random random, float[] dst, int offset) {
    List<ImageRef> refs = sample.frames();
    if (frames == 1) {
      ImageRef ref = refs.get(refs.size() / 2);
      FloatImage out = pipeline.apply(load(ref, sample.box()), random);
      copy(out, ref, dst, offset);
      return;
    }
    int[] picked = sampler.pick(refs.size(), frames, random);
    Map<Integer, FloatImage> decoded = new HashMap<>();
    List<FloatImage> clip = new ArrayList<>(frames);
    for (int index : picked) {
      clip.add(decoded.computeIfAbsent(index, i -> load(refs.get(i), sample.box())));
    }
    List<FloatImage> out = pipeline.applyClip(clip, random);
    int per = channels * height * width;
    for (int t = 0; t < frames; t++) {
      copy(out.get(t), refs.get(picked[t]), dst, offset + t * per);
    }
  }

  private static FloatImage load(ImageRef ref, FaceBox box) {
    FloatImage img = ImageDecoder.decode(ref);
    return box == null ? img : crop(img, box, ref);
  }

  /** The face box clamped to the image, in whole pixels. */
  static FloatImage crop(FloatImage img, FaceBox box, ImageRef ref) {
    int x0 = Math.max(0, (int) Math.floor(box.x()));
    int y0 = Math.max(0, (int) Math.floor(box.y()));
    int x1 = Math.min(img.width(), (int) Math.ceil(box.x() + box.width()));
    int y1 = Math.min(img.height(), (int) Math.ceil(box.y() + box.height()));
    if (x1 <= x0 || y1 <= y0) {
      throw FerException.badInput("face box " + box + " lies outside the " + img.width() + "x" + img.height()
          + " image " + ref.describe());
    }
    int w = x1 - x0;
    int h = y1 - y0;
    float[] out = new float[img.channels() * w * h];
    for (int c = 0; c < img.channels(); c++) {
      for (int y = 0; y < h; y++) {
        System.arraycopy(img.data(), (c * img.height() + y0 + y) * img.width() + x0, out, (c * h + y) * w, w);
      }
    }
    return new FloatImage(img.channels(), h, w, out);
  }

  private void copy(FloatImage img, ImageRef ref, float[] dst, int offset) {
    if (img.channels() != channels || img.height() != height || img.width() != width) {
      throw FerException.badInput("the pipeline made a " + img.channels() + "x" + img.height() + "x" + img.width()
          + " image from " + ref.describe() + " but the loader expects " + channels + "x" + height + "x" + width
          + "; end the pipeline with a Resize or crop to that size");
    }
    System.arraycopy(img.data(), 0, dst, offset, img.data().length);
  }
}

package org.fer4j.data;

import java.util.List;

/**
 * One labelled example as a reader found it: an image or a clip of frames, its label in the
 * canonical label space, and what else the data set provides.
 *
 * @param id stable id inside the data set (file name or clip id)
 * @param frames one entry for an image, N entries in display order for a clip
 * @param label index in the reader's label space, or -1 when the sample has no hard label
 * @param target soft label (vote distribution) or attribute vector in {0,1}; null when absent
 * @param intensity expression intensity in [0,1], NaN when unknown
 * @param box face box to crop before use (AffectNet), null when the image is already a face
 * @param split split name: train, val, test (folds are separate indexes)
 * @param subject subject id for subject-independent protocols, null when unknown
 */
public record Sample(
    String id,
    List<ImageRef> frames,
    int label,
    float[] target,
    float intensity,
    FaceBox box,
    String split,
    String subject) {

  public Sample {
    frames = List.copyOf(frames);
    if (frames.isEmpty()) {
      throw new IllegalArgumentException("sample " + id + " has no image");
    }
  }

  /** A single image with a hard label and nothing else. */
  public static Sample image(String id, ImageRef image, int label, String split) {
    return new Sample(id, List.of(image), label, null, Float.NaN, null, split, null);
  }

  public ImageRef image() {
    return frames.get(0);
  }
}

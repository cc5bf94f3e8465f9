package org.fer4j.predict;

import org.fer4j.data.FaceBox;
import org.fer4j.face.RgbImage;

/**
 * A face as a classifier receives it: the whole image plus where the face is, so each classifier
 * can crop or align it to its own template.
 *
 * @param image the full image
 * @param box detector box in pixels
 * @param landmarks 68 points {x0, y0, ...} in pixels
 * @param alignedBox face-api's landmark box (landmark bounds grown by 20%)
 */
public record FaceInput(RgbImage image, FaceBox box, float[] landmarks, FaceBox alignedBox) {}

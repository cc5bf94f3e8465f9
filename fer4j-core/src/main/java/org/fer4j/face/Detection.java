package org.fer4j.face;

import org.fer4j.data.FaceBox;

/**
 * A detected face: confidence and box in pixels of the original image.
 *
 * @param score detector confidence in (0, 1)
 * @param box face box in image pixels (may reach past the borders, as face-api's do)
 */
public record Detection(double score, FaceBox box) {}

package org.fer4j.predict.video;

import java.util.Map;
import org.fer4j.predict.FaceResult;

/**
 * A face in one frame with the id of the track it belongs to.
 *
 * @param track stable id of the person across frames (1, 2, ...)
 * @param face what the static predictor found for this face in this frame
 * @param clipExpressions probabilities of the dynamic (clip) model over the track's last window
 *     of frames ending here, or null when no clip model ran at this frame
 */
public record TrackedFace(int track, FaceResult face, Map<String, Float> clipExpressions) {}

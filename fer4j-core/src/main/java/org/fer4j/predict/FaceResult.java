package org.fer4j.predict;

import java.util.Map;
import org.fer4j.data.FaceBox;
import org.fer4j.face.pose.FaceMeasures;

/**
 * One face found in an image.
 *
 * @param box detector box in image pixels
 * @param score detector confidence
 * @param landmarks 68 points in image pixels as {x0, y0, x1, y1, ...} (iBUG 300-W order)
 * @param alignedBox the landmark-derived box the classifiers cropped
 * @param expressions class name to probability, in the classifier's label order
 * @param age estimated age in years, NaN when age/gender was not run
 * @param gender {@code male} or {@code female}, null when age/gender was not run
 * @param genderProbability probability of {@code gender}, NaN when not run
 * @param explanation the heat map of the top expression, null unless explanations were asked for
 *     ({@link ExpressionPredictor.Builder#optExplain})
 * @param measures head pose and eye and mouth openness from the landmarks, null when not measured
 */
public record FaceResult(
    FaceBox box,
    double score,
    float[] landmarks,
    FaceBox alignedBox,
    Map<String, Float> expressions,
    float age,
    String gender,
    float genderProbability,
    FaceExplanation explanation,
    FaceMeasures measures) {

  public FaceResult {
    expressions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(expressions));
  }

  /** A face without measures. */
  public FaceResult(
      FaceBox box, double score, float[] landmarks, FaceBox alignedBox, Map<String, Float> expressions,
      float age, String gender, float genderProbability, FaceExplanation explanation) {
    this(box, score, landmarks, alignedBox, expressions, age, gender, genderProbability, explanation, null);
  }

  /** A face without an explanation or measures. */
  public FaceResult(
      FaceBox box, double score, float[] landmarks, FaceBox alignedBox, Map<String, Float> expressions,
      float age, String gender, float genderProbability) {
    this(box, score, landmarks, alignedBox, expressions, age, gender, genderProbability, null, null);
  }

  /** The most probable expression. */
  public String topExpression() {
    return expressions.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }
}

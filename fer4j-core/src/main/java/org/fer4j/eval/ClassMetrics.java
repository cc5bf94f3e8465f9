package org.fer4j.eval;

/**
 * Precision, recall and F1 of one class.
 *
 * @param name class name
 * @param support samples of this class
 * @param precision TP / (TP + FP), 0 when nothing was predicted as this class
 * @param recall TP / (TP + FN), 0 when the class has no samples
 * @param f1 harmonic mean of precision and recall, 0 when both are 0
 */
public record ClassMetrics(String name, long support, double precision, double recall, double f1) {}

package org.fer4j.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.weights.Safetensors;

/**
 * fer4j's training run set against PyTorch's, with the tolerances: every step's loss to
 * relative 1e-4, every step's learning rate to relative 1e-9 (both are doubles from the same
 * formulas), and every final tensor (weights, BatchNorm statistics, optimiser state, EMA, loss
 * state) to relative 1e-3, measured as {@code max|fer4j - torch| / max|torch|} per tensor so that
 * elements near zero do not dominate.
 */
final class TrajectoryComparison {
  static final double LOSS_TOLERANCE = 1e-4;
  static final double LR_TOLERANCE = 1e-9;
  static final double STATE_TOLERANCE = 1e-3;

  /** The worst differences found, and every check that failed. */
  record Result(double worstLoss, double worstLr, double worstState, String worstTensor,
      int tensors, List<String> failures) {
    String summary(String name) {
      return String.format("%s: steps loss %.2e, lr %.2e; %d tensors, worst %.2e (%s)%s",
          name, worstLoss, worstLr, tensors, worstState, worstTensor,
          failures.isEmpty() ? "" : "; FAILED: " + failures.subList(0, Math.min(5, failures.size())));
    }
  }

  private TrajectoryComparison() {}

  static Result compare(TrajectoryCase c, TrajectoryCase.Run fer) throws IOException {
    return compare(c, fer, Integer.MAX_VALUE);
  }

  /**
   * The comparison over the first {@code lossSteps} steps' losses (every step's learning rate),
   * and the final state only when all steps are compared.
   */
  static Result compare(TrajectoryCase c, TrajectoryCase.Run fer, int lossSteps) throws IOException {
    JsonNode ref = c.reference();
    List<String> failures = new ArrayList<>();
    int steps = Math.min(lossSteps, ref.get("loss").size());
    double worstLoss = series("loss", prefix(ref.get("loss"), steps),
        fer.loss().subList(0, Math.min(steps, fer.loss().size())), LOSS_TOLERANCE, failures);
    double worstLr = series("lr", ref.get("lr"), fer.lr(), LR_TOLERANCE, failures);
    double worst = 0;
    String worstName = "-";
    int count = 0;
    if (steps < ref.get("loss").size()) {
      return new Result(worstLoss, worstLr, worst, worstName, count, failures);
    }
    try (NDManager m = NDManager.newBaseManager();
        Safetensors expected = Safetensors.open(c.dir.resolve("final.safetensors"))) {
      for (String name : expected.names()) {
        double[] want = TrajectoryCase.doubles(expected.toNDArrayKeepingFloat64(name, m));
        double[] got = fer.finalState().get(name);
        count++;
        if (got == null || got.length != want.length) {
          failures.add(name + (got == null ? " missing in fer4j" : " has " + got.length + " values, torch " + want.length));
          continue;
        }
        double rel = relative(got, want);
        if (rel > worst) {
          worst = rel;
          worstName = name;
        }
        if (!(rel <= STATE_TOLERANCE)) {
          failures.add(String.format("%s differs by %.2e", name, rel));
        }
      }
      for (String name : fer.finalState().keySet()) {
        if (!expected.names().contains(name)) {
          failures.add(name + " exists in fer4j but not in PyTorch");
        }
      }
    }
    return new Result(worstLoss, worstLr, worst, worstName, count, failures);
  }


  /** {@code max|fer4j - torch| / max|torch|} of one final tensor. */
  static double tensorDifference(TrajectoryCase c, TrajectoryCase.Run fer, String name) throws IOException {
    try (NDManager m = NDManager.newBaseManager();
        Safetensors expected = Safetensors.open(c.dir.resolve("final.safetensors"))) {
      double[] got = fer.finalState().get(name);
      if (got == null) {
        throw new AssertionError(name + " missing in fer4j's final state");
      }
      return relative(got, TrajectoryCase.doubles(expected.toNDArrayKeepingFloat64(name, m)));
    }
  }

  private static JsonNode prefix(JsonNode values, int steps) {
    com.fasterxml.jackson.databind.node.ArrayNode out =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < steps; i++) {
      out.add(values.get(i));
    }
    return out;
  }

  private static double series(String what, JsonNode ref, List<Double> got, double tol, List<String> failures) {
    if (ref.size() != got.size()) {
      failures.add(what + ": " + got.size() + " steps in fer4j, " + ref.size() + " in PyTorch");
      return Double.NaN;
    }
    double worst = 0;
    for (int i = 0; i < got.size(); i++) {
      double want = ref.get(i).asDouble();
      double rel = Math.abs(got.get(i) - want) / Math.max(Math.abs(want), 1e-12);
      worst = Math.max(worst, rel);
      if (!(rel <= tol)) {
        failures.add(String.format("%s at step %d: fer4j %.8g, torch %.8g", what, i + 1, got.get(i), want));
      }
    }
    return worst;
  }

  private static double relative(double[] got, double[] want) {
    double diff = 0;
    double scale = 0;
    for (int i = 0; i < want.length; i++) {
      diff = Math.max(diff, Math.abs(got[i] - want[i]));
      scale = Math.max(scale, Math.abs(want[i]));
    }
    return scale == 0 ? diff : diff / scale;
  }
}

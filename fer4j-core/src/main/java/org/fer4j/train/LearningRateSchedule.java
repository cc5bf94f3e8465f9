package org.fer4j.train;

import org.fer4j.run.TrainConfig;

/**
 * Learning rate per epoch: the papers step their schedules per epoch (PyTorch's StepLR,
 * ExponentialLR, CosineAnnealingLR), optionally after a linear warm-up.
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /** Learning rate for a 0-based epoch. */
  double lr(int epoch);

  /** The schedule a config describes, for base rate {@code baseLr} over {@code epochs}. */
  static LearningRateSchedule of(TrainConfig.ScheduleConfig s, double baseLr, int epochs) {
    LearningRateSchedule main =
        switch (s.type()) {
          case "none" -> e -> baseLr;
          case "step" -> e -> baseLr * Math.pow(s.gamma(), Math.floorDiv(e, s.stepSize()));
          case "exponential" -> e -> baseLr * Math.pow(s.gamma(), e);
          case "cosine" -> cosine(baseLr, s.minLr(), epochs, s.warmupEpochs());
          default -> throw new IllegalArgumentException("unknown schedule " + s.type());
        };
    return s.warmupEpochs() == 0 ? main : warmup(main, baseLr, s.warmupEpochs());
  }

  /** Cosine from {@code baseLr} down to {@code minLr} over the epochs after the warm-up. */
  private static LearningRateSchedule cosine(double baseLr, double minLr, int epochs, int warmup) {
    int span = Math.max(1, epochs - warmup);
    return e -> {
      int t = Math.max(0, e - warmup);
      return minLr + (baseLr - minLr) * 0.5 * (1 + Math.cos(Math.PI * Math.min(t, span) / span));
    };
  }

  /** Linear warm-up from baseLr/100 to baseLr over {@code warmup} epochs, then {@code after}. */
  private static LearningRateSchedule warmup(LearningRateSchedule after, double baseLr, int warmup) {
    return e -> {
      if (e >= warmup) {
        return after.lr(e);
      }
      double start = baseLr / 100;
      return start + (baseLr - start) * e / warmup;
    };
  }
}

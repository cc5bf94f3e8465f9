package org.fer4j.train;

import org.fer4j.FerException;

/** The loss became NaN or infinite; the last good checkpoint is kept. */
public final class TrainingDivergedException extends FerException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(Kind.BAD_INPUT, message);
  }
}

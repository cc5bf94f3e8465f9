package org.fer4j.engine;

/** The native engine could not start; the message says which artifact is missing and the fix. */
public class EngineSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}

package org.fer4j;

/**
 * A domain error a user can act on: the message names the file, line or field at fault and the
 * fix. The CLI maps it to {@link #exitCode()}, the server to a 4xx/5xx JSON body.
 */
public class FerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of problem this is; decides the CLI exit code and the HTTP status. */
  public enum Kind {
    /** Bad user input: a flag, a file, an annotation line, a recipe field. */
    BAD_INPUT(3),
    /** Something the user named does not exist (file, model, run directory). */
    NOT_FOUND(4),
    /** The environment lacks something (engine natives, weights cache, Python for parity). */
    ENVIRONMENT(5),
    /** A bug or an unexpected state inside fer4j. */
    INTERNAL(1);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  public FerException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public FerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public int exitCode() {
    return kind.exitCode();
  }

  public static FerException badInput(String message) {
    return new FerException(Kind.BAD_INPUT, message);
  }

  public static FerException notFound(String message) {
    return new FerException(Kind.NOT_FOUND, message);
  }
}

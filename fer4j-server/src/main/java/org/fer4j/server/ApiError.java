package org.fer4j.server;

/**
 * An error the client gets as JSON {@code {"error": code, "detail": text}} with an HTTP status.
 * The detail says what was wrong and how to fix it; it never carries a stack trace or a server
 * path.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final int retryAfterSeconds;

  /**
   * @param status HTTP status (4xx or 5xx)
   * @param code a short machine-readable code such as {@code payload_too_large}
   * @param detail what was wrong and the fix, for people
   * @param retryAfterSeconds sent as {@code Retry-After} when positive (503 answers)
   */
  public ApiError(int status, String code, String detail, int retryAfterSeconds) {
    super(detail);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public ApiError(int status, String code, String detail) {
    this(status, code, detail, 0);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  static ApiError badRequest(String code, String detail) {
    return new ApiError(400, code, detail);
  }

  static ApiError unavailable(String code, String detail, int retryAfter) {
    return new ApiError(503, code, detail, retryAfter);
  }
}

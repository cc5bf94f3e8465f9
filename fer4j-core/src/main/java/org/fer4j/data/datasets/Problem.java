package org.fer4j.data.datasets;

import java.nio.file.Path;

/**
 * One row, file or image a reader could not use, with where it is and why.
 *
 * @param file the annotation file (or folder) at fault
 * @param line 1-based line number in {@code file}, 0 when the problem is not tied to a line
 * @param kind what went wrong; decides whether {@code --strict} stops on it
 * @param reason a short, fixed description used to group problems ("unknown label")
 * @param detail the specifics for this occurrence (the bad value, the missing path)
 */
public record Problem(Path file, int line, Kind kind, String reason, String detail) {

  /** The kinds of problem; all but {@link #EXCLUDED} are defects in the user's files. */
  public enum Kind {
    /** A line that does not have the format of the data set (fields, numbers). */
    MALFORMED,
    /** A label code or class name the data set's label table does not know. */
    UNKNOWN_LABEL,
    /** An image (or frame folder) named by the annotation that does not exist. */
    MISSING_IMAGE,
    /** An image that exists but cannot be decoded (only checked on request). */
    UNREADABLE_IMAGE,
    /** A row the data set's own protocol leaves out (AffectNet None/Uncertain/No-Face, ...). */
    EXCLUDED;

    /** True for defects that {@code --strict} turns into an error; protocol exclusions are not. */
    public boolean isError() {
      return this != EXCLUDED;
    }
  }

  /** {@code file:line: reason: detail}, the form used in logs and strict-mode errors. */
  public String message() {
    return location(file.toString()) + ": " + reason + (detail.isEmpty() ? "" : ": " + detail);
  }

  private String location(String shownFile) {
    return line > 0 ? shownFile + ":" + line : shownFile;
  }
}

package org.fer4j.data.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;

/** Line-by-line reading of annotation files, and the CSV field splitting they need. */
public final class TextLines {

  /** Receives one line with its 1-based number. */
  @FunctionalInterface
  public interface LineHandler {
    void line(int number, String text);
  }

  private TextLines() {}

  /**
   * Calls {@code handler} for every line of {@code file} (UTF-8; a byte-order mark is dropped;
   * undecodable bytes become U+FFFD instead of failing the whole file).
   */
  public static void forEach(Path file, LineHandler handler) {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      String text;
      int number = 0;
      while ((text = in.readLine()) != null) {
        number++;
        if (number == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
          text = text.substring(1);
        }
        handler.line(number, text);
      }
    } catch (NoSuchFileException e) {
      throw FerException.notFound("annotation file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Splits one CSV line at commas, honouring double quotes ({@code ""} inside quotes is a quote).
   *
   * @throws IllegalArgumentException on an unterminated quote
   */
  public static List<String> splitCsv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quote");
    }
    fields.add(field.toString());
    return fields;
  }

  /** Like {@link #splitCsv} but an unterminated quote gives an empty list (a malformed line). */
  public static List<String> splitCsvLenient(String line) {
    try {
      return splitCsv(line);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  /** Splits at runs of spaces or tabs, ignoring leading and trailing blanks. */
  public static String[] splitBlanks(String line) {
    String trimmed = line.strip();
    return trimmed.isEmpty() ? new String[0] : trimmed.split("[ \\t]+");
  }
}

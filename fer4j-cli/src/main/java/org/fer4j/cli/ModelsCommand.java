package org.fer4j.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fer4j.FerException;
import org.fer4j.face.faceapi.FaceApiPackage;
import org.fer4j.face.human.HumanPackage;
import org.fer4j.models.Complexity;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fer models}: every registered model with its input, class count, parameter count and
 * multiply-accumulates (GMACs) at its default input size, counted from shapes (no forward pass).
 */
@Command(
    name = "models",
    description =
        "List registered models with parameter count and GMACs at the default input size.",
    subcommands = {ModelsPullCommand.class})
public final class ModelsCommand implements Callable<Integer> {
  private static final String ROW = "%-18s %-10s %7s %14s %8s  %s%n";

  @Mixin EngineMixin engine;

  @Override
  public Integer call() {
    engine.start();
    print(System.out);
    return 0;
  }

  /** Writes the table; a model whose cost cannot be counted shows "?" and a note below. */
  static void print(PrintStream out) {
    out.printf(Locale.ROOT, ROW, "model", "input", "classes", "params", "GMACs", "description");
    List<String> notes = new ArrayList<>();
    for (ModelSpec spec : ModelRegistry.all()) {
      String params = "?";
      String gmacs = "?";
      try {
        Complexity c = Complexity.of(spec);
        params = String.format(Locale.ROOT, "%,d", c.parameters());
        gmacs = String.format(Locale.ROOT, "%.2f", c.gmacs());
      } catch (FerException | IllegalStateException e) {
        notes.add(spec.name() + ": " + e.getMessage());
      }
      out.printf(
          Locale.ROOT,
          ROW,
          spec.name(),
          input(spec),
          spec.labels().size(),
          params,
          gmacs,
          spec.description());
    }
    for (String note : notes) {
      out.println("note: " + note);
    }
    printPretrained(out);
  }

  /** The pretrained networks fer4j loads (not trained by it), with their licences. */
  static void printPretrained(PrintStream out) {
    out.println();
    out.println("pretrained networks (fetched with './fer models pull [faceapi|human]'):");
    out.printf(
        Locale.ROOT, "  %-16s %-31s %s%n", "face-api", FaceApiPackage.PACKAGE + "@" + FaceApiPackage.VERSION,
        "detectors, 68 landmarks, 7 expressions, age/gender; licence: MIT");
    for (HumanPackage.Net net : HumanPackage.Net.values()) {
      out.printf(
          Locale.ROOT, "  %-16s %-31s %s; licence: %s%n",
          "human-" + net.name().toLowerCase(Locale.ROOT), HumanPackage.PACKAGE + "@" + HumanPackage.VERSION,
          net.role(), net.licence());
    }
  }

  private static String input(ModelSpec spec) {
    var p = spec.preprocess();
    String size = p.height() + "x" + p.width();
    return p.frames() > 1 ? p.frames() + "x" + size : size;
  }
}

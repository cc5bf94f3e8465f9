package org.fer4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fer4j.FerException;

/** Finds a recipe by file path or by name in {@code recipes/} (working directory or fer4j's checkout). */
final class Recipes {
  private Recipes() {}

  static Path resolve(String nameOrFile) {
    Path direct = Path.of(nameOrFile);
    if (Files.isRegularFile(direct)) {
      return direct;
    }
    String file = nameOrFile.endsWith(".json") ? nameOrFile : nameOrFile + ".json";
    for (Path dir : new Path[] {Path.of("recipes"), checkoutRecipes()}) {
      if (dir != null && Files.isRegularFile(dir.resolve(file))) {
        return dir.resolve(file);
      }
    }
    throw FerException.notFound(
        "no recipe '" + nameOrFile + "': give a JSON file or a name from recipes/ (e.g. aglf-synth)");
  }

  /** recipes/ beside the CLI jar's module (fer4j-cli/target/fer4j.jar -> ../../recipes). */
  private static Path checkoutRecipes() {
    try {
      Path jar = Path.of(Recipes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.getParent() == null ? null : jar.getParent().getParent();
      return root == null || root.getParent() == null ? null : root.getParent().resolve("recipes");
    } catch (Exception e) {
      return null;
    }
  }
}

package org.fer4j.cli;

import java.util.concurrent.Callable;
import org.fer4j.models.ModelRegistry;
import org.fer4j.models.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code fer models}: every registered model. */
@Command(
    name = "models",
    description = "List registered models.",
    subcommands = {ModelsPullCommand.class})
public final class ModelsCommand implements Callable<Integer> {
  @Mixin EngineMixin engine;

  @Override
  public Integer call() {
    engine.start();
    System.out.printf("%-24s %-10s %s%n", "model", "input", "description");
    for (ModelSpec spec : ModelRegistry.all()) {
      System.out.printf(
          "%-24s %-10s %s%n",
          spec.name(),
          spec.preprocess().height() + "x" + spec.preprocess().width(),
          spec.description());
    }
    return 0;
  }
}

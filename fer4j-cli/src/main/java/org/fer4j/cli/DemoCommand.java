package org.fer4j.cli;

import java.util.concurrent.Callable;
import org.fer4j.engine.EngineInfo;
import org.fer4j.models.ModelRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code fer demo}: the main job on the embedded default. Until training lands it checks the
 * engine and shows what exists.
 */
@Command(name = "demo", description = "Run the main job on the embedded default data set.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin EngineMixin engine;

  @Override
  public Integer call() {
    EngineInfo info = engine.start();
    System.out.println("engine: " + info);
    System.out.println("registered models: " + ModelRegistry.names());
    return 0;
  }
}

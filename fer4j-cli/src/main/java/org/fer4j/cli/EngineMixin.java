package org.fer4j.cli;

import org.fer4j.engine.EngineInfo;
import org.fer4j.engine.EngineOptions;
import org.fer4j.engine.Engines;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Engine flags shared by every command that runs a model. */
public final class EngineMixin {
  @Option(
      names = "--threads",
      description = "PyTorch intra-op threads (default: all cores).",
      defaultValue = "0")
  int threads;

  @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).", defaultValue = "42")
  long seed;

  @Mixin DeviceMixin device = new DeviceMixin();

  /** Starts the engine with these flags. */
  public EngineInfo start() {
    return Engines.init(new EngineOptions(seed, threads, device.device()));
  }
}

package org.fer4j.cli;

import picocli.CommandLine.Option;

/** {@code --warmup}, {@code --iters} and {@code --json}: how the bench commands time and report. */
public final class BenchTiming {
  @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--iters", defaultValue = "10", description = "Timed runs (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(names = "--json", description = "Print one JSON line instead of the summary.")
  boolean json;
}

package org.fer4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code fer bench}: benchmarks; each kind is a subcommand. */
@Command(
    name = "bench",
    description = "Benchmarks (data pipeline; model benchmarks live in bench/).",
    subcommands = {BenchDataCommand.class})
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}

package org.fer4j.cli;

import org.fer4j.FerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fer} command line: one subcommand per job. */
@Command(
    name = "fer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "fer4j: facial expression recognition for Java.",
    subcommands = {
      DemoCommand.class,
      StudyCommand.class,
      SynthCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      BenchCommand.class,
      VersionCommand.class,
      ModelsCommand.class,
      DataCommand.class,
      WeightsCommand.class,
      ExportCommand.class,
      PredictCommand.class,
      ExplainCommand.class,
      ServeCommand.class,
      SparkCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Domain errors print their message (no stack trace) and map to their exit code. */
  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof FerException fe) {
      cli.getErr().println("error: " + fe.getMessage());
      return fe.exitCode();
    }
    if (e instanceof org.fer4j.engine.EngineSetupException) {
      cli.getErr().println("error: " + e.getMessage());
      return FerException.Kind.ENVIRONMENT.exitCode();
    }
    throw new IllegalStateException(e);
  }
}

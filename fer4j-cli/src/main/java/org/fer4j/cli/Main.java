package org.fer4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import org.fer4j.FerException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code fer} command line: one subcommand per job. Every error ends in one line on stderr
 * ({@code error: ...}) and a non-zero exit: 2 for a malformed command line (unknown option, a
 * value of the wrong type), the {@link FerException.Kind} code for domain errors, 3 for other
 * invalid values ({@link IllegalArgumentException}) and unusable files, 1 for a bug. {@code
 * --debug} or {@code FER4J_DEBUG=1} adds the stack trace.
 */
@Command(
    name = "fer",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT, // every command takes --help, which the one-line errors point to
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
  static final String DEBUG_VARIABLE = "FER4J_DEBUG";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  // Read from the arguments by the handlers; declared so every command accepts it.
  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "On an error, also print its stack trace (or set FER4J_DEBUG=1).")
  boolean debug;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    boolean debug = Arrays.asList(args).contains("--debug") || "1".equals(System.getenv(DEBUG_VARIABLE));
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, command, parsed) -> handle(e, command.getErr(), debug));
    cli.setParameterExceptionHandler((e, arguments) -> usageError(e, debug));
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** A malformed command line: picocli's message and where to read the usage, on one line. */
  private static int usageError(CommandLine.ParameterException e, boolean debug) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String hint = "";
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
      hint = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
    }
    err.println("error: " + e.getMessage() + hint + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
    if (debug) {
      e.printStackTrace(err);
    }
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** An error while a command ran: one line, and the exit code of its kind. */
  static int handle(Exception e, PrintWriter err, boolean debug) {
    int code;
    String message;
    if (e instanceof FerException fe) {
      code = fe.exitCode();
      message = fe.getMessage();
    } else if (e instanceof org.fer4j.engine.EngineSetupException) {
      code = FerException.Kind.ENVIRONMENT.exitCode();
      message = e.getMessage();
    } else if (e instanceof IllegalArgumentException) {
      // Constructors and builders check their values with it: a bad value given on the command line.
      code = FerException.Kind.BAD_INPUT.exitCode();
      message = e.getMessage() == null ? "invalid argument" : e.getMessage();
    } else if (e instanceof IOException || e instanceof UncheckedIOException) {
      code = FerException.Kind.BAD_INPUT.exitCode();
      message = describe(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
    } else {
      code = FerException.Kind.INTERNAL.exitCode();
      message = "internal error (" + e + "); please report it with the output of --debug";
    }
    err.println("error: " + message);
    if (debug) {
      e.printStackTrace(err);
    } else if (code == FerException.Kind.INTERNAL.exitCode()) {
      err.println("(rerun with --debug or " + DEBUG_VARIABLE + "=1 for the stack trace)");
    }
    err.flush();
    return code;
  }

  // The JDK's file exceptions carry only the path as their message; say what went wrong with it.
  private static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists: " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

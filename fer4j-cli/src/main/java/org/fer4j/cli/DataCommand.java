package org.fer4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fer4j.FerException;
import org.fer4j.data.datasets.DatasetIndex;
import org.fer4j.data.datasets.DatasetReader;
import org.fer4j.data.datasets.DatasetReaders;
import org.fer4j.data.datasets.IndexSummary;
import org.fer4j.data.datasets.ReaderOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fer data}: work with data sets on disk. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Inspect data sets in their official formats.",
    subcommands = {DataCommand.Inspect.class, DataCommand.Formats.class})
public final class DataCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code fer data inspect DIR --format NAME}: counts per split and class, missing files and
   * skipped rows. With {@code --strict} the whole report is still printed, then the exit code is
   * that of bad input (3) if any row had a problem, as training with {@code --strict} would stop.
   */
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = "Count samples per split and class and report problems.")
  static final class Inspect implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The unpacked data set folder.")
    Path dir;

    @Option(names = "--format", required = true, paramLabel = "NAME",
        description = "Data set format: ${COMPLETION-CANDIDATES}.",
        completionCandidates = FormatNames.class)
    String format;

    @Option(names = "--strict", description = "Exit with code 3 when any row has a problem.")
    boolean strict;

    @Option(names = "--check-images", description = "Decode every image (slow).")
    boolean checkImages;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
        description = "Format setting, e.g. images=original (see 'fer data formats').")
    List<String> settings = new ArrayList<>();

    @Option(names = "--examples", defaultValue = "3",
        description = "Locations shown per reason (default: ${DEFAULT-VALUE}).")
    int examples;

    @Override
    public Integer call() {
      ReaderOptions.Builder options = ReaderOptions.builder().optCheckImages(checkImages);
      settings.forEach(options::optSetting);
      // Read leniently so the report lists every problem; --strict decides the exit code.
      DatasetIndex index = DatasetReaders.read(format, dir, options.build());
      PrintWriter out = spec.commandLine().getOut();
      out.print(IndexSummary.format(index, examples));
      out.flush();
      int errors = index.errors().size();
      if (strict && errors > 0) {
        spec.commandLine().getErr().println("error: " + errors + " problem(s) in " + dir
            + "; strict mode refuses this data set (fix them, or drop --strict to skip them)");
        spec.commandLine().getErr().flush();
        return FerException.Kind.BAD_INPUT.exitCode();
      }
      return 0;
    }
  }

  /** {@code fer data formats}: every reader with its settings. */
  @Command(
      name = "formats",
      mixinStandardHelpOptions = true,
      description = "List data set formats and their settings.")
  static final class Formats implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (DatasetReader r : DatasetReaders.all()) {
        out.printf("%-12s %s%n", r.format(), r.description());
        r.settings().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
            .forEach(e -> out.printf("%-12s   --set %s=...  %s%n", "", e.getKey(), e.getValue()));
      }
      out.flush();
      return 0;
    }
  }

  /** Completion candidates for {@code --format}. */
  static final class FormatNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    FormatNames() {
      super(DatasetReaders.names());
    }
  }
}

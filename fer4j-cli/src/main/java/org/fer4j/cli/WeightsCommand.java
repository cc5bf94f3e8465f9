package org.fer4j.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.weights.NameMaps;
import org.fer4j.weights.Safetensors;
import org.fer4j.weights.TensorInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fer weights ...}: tools for weight files. */
@Command(
    name = "weights",
    description = "Inspect .safetensors weight files.",
    mixinStandardHelpOptions = true,
    subcommands = {WeightsCommand.Inspect.class})
public final class WeightsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code fer weights inspect FILE}: names, dtypes, shapes and the parameter count. */
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = "List the tensors of a .safetensors file: name, dtype, shape, elements.")
  static final class Inspect implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The .safetensors file.")
    Path file;

    @Option(names = "--summary", description = "Print only the totals and metadata.")
    boolean summaryOnly;

    @Override
    public Integer call() {
      try (Safetensors st = Safetensors.open(file)) {
        System.out.println("file      " + file);
        System.out.println("names     " + NameMaps.detect(st.names()).name() + " (detected)");
        for (Map.Entry<String, String> e : st.metadata().entrySet()) {
          System.out.println("metadata  " + e.getKey() + " = " + e.getValue());
        }
        if (!summaryOnly) {
          printTable(st);
        }
        long bytes = st.header().tensors().values().stream().mapToLong(TensorInfo::byteLength).sum();
        long statistics = runningStatistics(st);
        System.out.printf(
            "%d tensors, %,d parameters + %,d BatchNorm running statistics, %,d bytes of data%n",
            st.names().size(), st.floatingElementCount() - statistics, statistics, bytes);
      }
      return 0;
    }

    /** Running mean/var elements: buffers, not parameters, in torchvision's parameter count. */
    private static long runningStatistics(Safetensors st) {
      return st.header().tensors().values().stream()
          .filter(t -> t.name().endsWith(".running_mean") || t.name().endsWith(".running_var"))
          .mapToLong(TensorInfo::elementCount)
          .sum();
    }

    private static void printTable(Safetensors st) {
      int width = st.names().stream().mapToInt(String::length).max().orElse(4);
      String row = "%-" + Math.max(width, 4) + "s  %-5s  %-20s  %,d%n";
      System.out.printf("%-" + Math.max(width, 4) + "s  %-5s  %-20s  %s%n", "name", "dtype", "shape", "elements");
      for (String name : st.names()) {
        TensorInfo t = st.info(name);
        System.out.printf(row, name, t.dtype(), t.shapeText(), t.elementCount());
      }
    }
  }
}

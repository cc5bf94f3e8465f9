package org.fer4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fer4j.study.StudyMethod;
import org.fer4j.study.StudyResult;
import org.fer4j.study.StudyTable;
import org.fer4j.study.SynthStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fer study synth}: the SynthFER study of every seed model against the ResNet-18 baseline. */
@Command(name = "study", mixinStandardHelpOptions = true,
    description = "Studies that train several models under one budget.",
    subcommands = StudyCommand.Synth.class)
public final class StudyCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Trains the baseline and each seed model on SynthFER with the same budget and seeds. */
  @Command(name = "synth", mixinStandardHelpOptions = true,
      description = "Train ResNet-18 and every seed model on SynthFER (same budget and seeds); write a "
          + "Markdown table (mean ± std) and a per-run CSV. Rerunning skips finished runs.")
  static final class Synth implements Callable<Integer> {
    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "Training seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--out", defaultValue = "docs/synth-study.md", description = "Markdown table (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dir", defaultValue = "runs/study-synth", description = "Study folder: data, runs, runs.csv (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--images", defaultValue = "1500", description = "SynthFER still images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--clips", defaultValue = "300", description = "SynthFER clips for the clip models (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--test-fraction", defaultValue = "0.2",
        description = "Share of the still images held out for the clean test split (default: ${DEFAULT-VALUE}).")
    float testFraction;

    @Option(names = "--occluded", defaultValue = "0",
        description = "Occluded test images (default 0: max(70, images/10)).")
    int occluded;

    @Option(names = "--epochs", defaultValue = "5",
        description = "Epochs for every model, the same budget for all; 0 keeps each recipe's (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--methods", split = ",", description = "Subset of methods (default: all): resnet18, aglf, lnlj, faer, gcsa_cai, gcsa_ce.")
    List<String> methods;

    @Option(names = "--table-only", description = "Train nothing: write the table and CSV from the runs finished so far.")
    boolean tableOnly;

    @Option(names = "--no-progress", description = "No progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
      List<StudyMethod> chosen = methods == null ? StudyMethod.ALL : StudyMethod.select(methods);
      SynthStudy.Builder builder = SynthStudy.builder().setDir(dir).setRecipes(Recipes::resolve).optMethods(chosen)
          .optSeeds(seeds).optImages(images).optClips(clips)
          .optTestFraction(testFraction).optOccluded(occluded).optEpochs(epochs).optTrain(!tableOnly)
          .optLog(System.out::println)
          .optProgress(job -> new TrainCommand.Progress(job, noProgress));
      SynthStudy study = builder.build();
      Map<String, Integer> bins = chosen.stream().anyMatch(StudyMethod::clips) ? study.binCounts() : Map.of();
      // The table is rewritten after every run, so a study stopped early still has one.
      SynthStudy reader = study;
      study = builder.optOnResult(results -> writeTable(chosen, results, bins, reader)).build();
      study.run();
      System.out.println("table: " + out + "; per-run CSV: " + csvOut());
      return 0;
    }

    private void writeTable(List<StudyMethod> chosen, List<StudyResult> results, Map<String, Integer> bins,
        SynthStudy study) {
      try {
        StudyTable.Context ctx = new StudyTable.Context(commandLine(), budget(chosen),
            ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")), bins,
            csvOut().getFileName().toString(), study.valCurves(results), study.commits(results));
        if (out.toAbsolutePath().getParent() != null) {
          Files.createDirectories(out.toAbsolutePath().getParent());
        }
        // Hand-written analysis below the marker survives the rewrite after every run.
        String previous = Files.exists(out) ? Files.readString(out) : null;
        Files.writeString(out, StudyTable.keepAnalysis(StudyTable.markdown(chosen, results, ctx), previous));
        // The per-run CSV beside the table, so the committed table comes with its numbers.
        Files.copy(dir.resolve("runs.csv"), csvOut(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot write " + out, e);
      }
    }

    /** The per-run CSV beside the table: docs/synth-study.md -> docs/synth-study.csv. */
    private Path csvOut() {
      String name = out.getFileName().toString();
      return out.resolveSibling((name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".csv");
    }

    private String commandLine() {
      List<String> args = new ArrayList<>(List.of("./fer study synth", "--seeds",
          String.join(",", seeds.stream().map(String::valueOf).toList()), "--images", Integer.toString(images),
          "--clips", Integer.toString(clips)));
      if (testFraction != 0.2f) {
        args.addAll(List.of("--test-fraction", Float.toString(testFraction)));
      }
      if (occluded > 0) {
        args.addAll(List.of("--occluded", Integer.toString(occluded)));
      }
      if (epochs > 0) {
        args.addAll(List.of("--epochs", Integer.toString(epochs)));
      }
      if (methods != null) {
        args.addAll(List.of("--methods", String.join(",", methods)));
      }
      if (tableOnly) {
        args.add("--table-only");
      }
      return String.join(" ", args);
    }

    private String budget(List<StudyMethod> chosen) {
      return "SynthFER at " + SynthStudy.DATA_SIZE + " px in the demo mix (nuisance " + SynthStudy.DEMO_NUISANCE
          + ", still-image intensity from " + SynthStudy.DEMO_MIN_INTENSITY + "), " + images + " images (" + Math.round(100 * (1 - testFraction)) + " % train, " + Math.round(100 * testFraction)
          + " % test), " + (occluded > 0 ? occluded : Math.max(70, images / 10)) + " occluded test images, "
          + clips + " clips (DFEW fold 1), one data set (seed 42) for every run; "
          + (epochs > 0 ? epochs + " epochs for every model" : "each `*-synth` recipe's epochs") + "; training seeds "
          + seeds + "; recipes " + chosen.stream().map(StudyMethod::recipe).toList()
          + "; each run on the CPU cores the machine gave it";
    }
  }
}

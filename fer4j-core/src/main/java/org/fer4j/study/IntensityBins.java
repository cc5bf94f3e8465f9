package org.fer4j.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.FerException;

/**
 * Clip intensity bins for the GCSA study. SynthFER writes each clip's per-frame expression
 * intensity to {@code dfew/synth_intensity.csv} ({@code video_name,frame,intensity}); a clip's
 * intensity is its apex (the largest frame value). Non-neutral apexes are drawn from [0.45, 1]
 * (docs/synthfer.md), so the bins split that range in three; Neutral clips (apex 0) are their own
 * bin. The intensity-aware loss of GCA+IAL (Li et al., AAAI 2023, arXiv:2208.10335) claims its
 * gain on the low-intensity clips.
 */
public final class IntensityBins {
  /** Bin names in table order. */
  public static final List<String> NAMES = List.of("neutral", "low", "mid", "high");

  /** Upper bounds (exclusive) of the low and mid bins. */
  static final double LOW_BELOW = 0.65;
  static final double MID_BELOW = 0.85;

  private IntensityBins() {}

  /** The bin of an apex intensity. */
  public static String of(double apex) {
    if (apex <= 0) {
      return "neutral";
    }
    return apex < LOW_BELOW ? "low" : apex < MID_BELOW ? "mid" : "high";
  }

  /** Bin edges as text for the report. */
  public static String describe() {
    return String.format(Locale.ROOT, "neutral = apex 0, low = apex < %.2f, mid = %.2f-%.2f, high >= %.2f",
        LOW_BELOW, LOW_BELOW, MID_BELOW, MID_BELOW);
  }

  /**
   * Reads the apex intensity of every clip, keyed by DFEW's five-digit clip id ({@code 00001}).
   * Malformed lines are a {@link FerException} naming the file and line.
   */
  public static Map<String, Double> readApexes(Path synthIntensityCsv) throws IOException {
    if (!Files.isRegularFile(synthIntensityCsv)) {
      throw FerException.notFound(synthIntensityCsv + " is missing; generate SynthFER with clips (--clips N)");
    }
    Map<String, Double> apex = new HashMap<>();
    List<String> lines = Files.readAllLines(synthIntensityCsv);
    for (int i = 1; i < lines.size(); i++) { // line 1 is the header
      String text = lines.get(i).strip();
      if (text.isEmpty()) {
        continue;
      }
      String[] f = text.split(",");
      try {
        String id = String.format(Locale.ROOT, "%05d", Integer.parseInt(f[0].strip()));
        apex.merge(id, Double.parseDouble(f[2].strip()), Math::max);
      } catch (RuntimeException e) {
        throw FerException.badInput(synthIntensityCsv + " line " + (i + 1)
            + ": expected 'video_name,frame,intensity', got '" + text + "'");
      }
    }
    return apex;
  }
}

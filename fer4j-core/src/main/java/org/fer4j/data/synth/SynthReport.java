package org.fer4j.data.synth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fer4j.data.LabelSpace;

/**
 * What a generation run wrote: counts per part, split and class (by name), where each format
 * lives, and how fast it went.
 *
 * @param counts nested counts, as written to {@code synth.json}
 * @param units images plus clip frames rendered
 * @param seconds wall-clock seconds
 * @param cpuSeconds CPU seconds spent by the render threads (rendering, encoding, writing)
 */
public record SynthReport(Map<String, Object> counts, long units, double seconds, double cpuSeconds) {

  /** Rendered images (stills, occluded and clip frames) per second of wall-clock time. */
  public double imagesPerSecond() {
    return seconds > 0 ? units / seconds : 0;
  }

  /** Images per CPU second of the render threads: the rate one otherwise idle core sustains. */
  public double imagesPerCpuSecond() {
    return cpuSeconds > 0 ? units / cpuSeconds : 0;
  }

  /** The report as JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("counts", counts);
    m.put("layout", layout());
    m.put("attributesRendered", Attributes.rendered());
    m.put("attributesAlwaysNegative", Attributes.NOT_RENDERED);
    m.put("renderedImages", units);
    m.put("seconds", Math.round(seconds * 100) / 100.0);
    m.put("imagesPerSecond", Math.round(imagesPerSecond()));
    m.put("renderCpuSeconds", Math.round(cpuSeconds * 100) / 100.0);
    m.put("imagesPerCpuSecond", Math.round(imagesPerCpuSecond()));
    return m;
  }

  private static Map<String, String> layout() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("rafdb", SynthGenerator.RAFDB + "/" + SynthWriters.RafDb.LABEL_FILE + " + " + SynthGenerator.RAFDB + "/"
        + SynthWriters.RafDb.IMAGE_DIR + "/*_aligned.jpg");
    m.put("celeba", SynthGenerator.CELEBA + "/{" + SynthWriters.CelebA.ATTR_FILE + ","
        + SynthWriters.CelebA.PARTITION_FILE + "," + SynthWriters.CelebA.IMAGE_DIR + "/}");
    m.put("dfew", SynthGenerator.DFEW + "/" + SynthWriters.Dfew.CLIP_DIR + "/NNNNN/NNNNN_FFFFF.jpg + "
        + SynthGenerator.DFEW + "/" + SynthWriters.Dfew.SPLIT_DIR + "/{train,test}(single-labeled)/set_{1..5}.csv");
    m.put("fedro", SynthGenerator.FEDRO + "/" + SynthWriters.FedRo.LIST_FILE + " + " + SynthGenerator.FEDRO
        + "/<emotion>/*.jpg");
    return m;
  }

  /** Thread-safe tallies filled by the render workers. */
  static final class Counter {
    private final int[][] still = new int[2][ActionUnit.CLASSES];
    private final int[] attributePositives = new int[LabelSpace.CELEBA_40.size()];
    private final int[] occludedPerClass = new int[ActionUnit.CLASSES];
    private final Map<String, Integer> occluders = new LinkedHashMap<>();
    private final int[] clipsPerClass = new int[ActionUnit.CLASSES];
    private final int[] clipsPerFold = new int[SynthWriters.Dfew.FOLDS];

    synchronized void still(boolean train, int label, int[] attributes) {
      still[train ? 0 : 1][label]++;
      for (int a = 0; a < attributes.length; a++) {
        attributePositives[a] += attributes[a] > 0 ? 1 : 0;
      }
    }

    synchronized void occluded(int label, Occlusion occlusion) {
      occludedPerClass[label]++;
      occluders.merge(occlusion.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
    }

    synchronized void clip(int fold, int label) {
      clipsPerClass[label]++;
      clipsPerFold[fold - 1]++;
    }

    synchronized SynthReport report(SynthConfig config, long frames, double seconds, double cpuSeconds) {
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("rafdb", Map.of("train", byClass(still[0]), "test", byClass(still[1])));
      Map<String, Integer> attrs = new LinkedHashMap<>();
      List<String> names = LabelSpace.CELEBA_40.classes();
      for (int a = 0; a < names.size(); a++) {
        attrs.put(names.get(a), attributePositives[a]);
      }
      counts.put("celebaPositives", attrs);
      Map<String, Object> dfew = new LinkedHashMap<>();
      dfew.put("clips", config.clips());
      dfew.put("frames", frames);
      dfew.put("perClass", byClass(clipsPerClass));
      dfew.put("testClipsPerFold", clipsPerFold.clone());
      counts.put("dfew", dfew);
      counts.put("fedro", Map.of("perClass", byClass(occludedPerClass), "perOccluder", new LinkedHashMap<>(occluders)));
      long units = (long) config.images() + config.occluded() + frames;
      return new SynthReport(counts, units, seconds, cpuSeconds);
    }

    private static Map<String, Integer> byClass(int[] counts) {
      Map<String, Integer> m = new LinkedHashMap<>();
      for (int c = 0; c < counts.length; c++) {
        m.put(LabelSpace.EXPRESSION_7.nameOf(c), counts[c]);
      }
      return m;
    }
  }
}

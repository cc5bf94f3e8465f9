package org.fer4j.study;

import java.util.List;
import org.fer4j.FerException;

/**
 * One method of the SynthFER study: a short key, the {@code *-synth} recipe that trains it, whether
 * it is a clip model (evaluated on the DFEW layout by clip intensity) and the advantage its paper
 * claims, which the study checks.
 *
 * @param key short name used in run folders and tables (e.g. {@code aglf})
 * @param recipe recipe name in {@code recipes/} (e.g. {@code aglf-synth})
 * @param clips true for clip models trained on SynthFER's DFEW layout
 * @param claim the advantage the method's paper claims (shown in the table)
 */
public record StudyMethod(String key, String recipe, boolean clips, String claim) {

  /** The baseline, the four image seeds' models and the clip model with and without IAL. */
  public static final List<StudyMethod> ALL = List.of(
      new StudyMethod("resnet18", "resnet18-synth", false, "baseline"),
      new StudyMethod("aglf", "aglf-synth", false, "occlusion robustness (local regions)"),
      new StudyMethod("lnlj", "lnlj-synth", false, "occlusion robustness (local + non-local)"),
      new StudyMethod("faer", "faer-synth", false, "accuracy (CC attention + center loss)"),
      new StudyMethod("gcsa_cai", "gcsa_cai-synth", true, "low-intensity clips (intensity-aware loss)"),
      new StudyMethod("gcsa_ce", "gcsa_ce-synth", true, "ablation: GCSA without the intensity-aware term"));

  /** The methods named in a comma-separated list of keys, in the order of {@link #ALL}. */
  public static List<StudyMethod> select(List<String> keys) {
    for (String k : keys) {
      if (ALL.stream().noneMatch(m -> m.key().equals(k))) {
        throw FerException.badInput("--methods: unknown method '" + k + "'; valid: "
            + ALL.stream().map(StudyMethod::key).toList());
      }
    }
    return ALL.stream().filter(m -> keys.contains(m.key())).toList();
  }
}

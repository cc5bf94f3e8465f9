package org.fer4j.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fer4j.data.Sample;

/**
 * A stratified, seeded hold-out: the same fraction of every class moves from the training split
 * to a validation split, so model selection never looks at the test set (DFER papers select on
 * the test fold; fer4j does not by default). DJL's randomSplit is neither stratified nor
 * independent of the global generator, hence this.
 */
public final class Holdout {
  private Holdout() {}

  /** (train, val) lists; samples without a hard label stay in train. */
  public static List<List<Sample>> split(List<Sample> samples, double fraction, long seed) {
    Map<Integer, List<Sample>> byClass = new LinkedHashMap<>();
    for (Sample s : samples) {
      byClass.computeIfAbsent(s.label(), k -> new ArrayList<>()).add(s);
    }
    List<Sample> train = new ArrayList<>();
    List<Sample> val = new ArrayList<>();
    Random r = new Random(seed);
    for (Map.Entry<Integer, List<Sample>> e : new java.util.TreeMap<>(byClass).entrySet()) {
      List<Sample> list = new ArrayList<>(e.getValue());
      Collections.shuffle(list, r);
      int n = e.getKey() < 0 ? 0 : (int) Math.round(list.size() * fraction);
      val.addAll(list.subList(0, n));
      train.addAll(list.subList(n, list.size()));
    }
    return List.of(train, val);
  }
}

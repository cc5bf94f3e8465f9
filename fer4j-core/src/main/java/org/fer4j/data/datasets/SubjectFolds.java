package org.fer4j.data.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.fer4j.FerException;
import org.fer4j.data.Sample;

/**
 * Subject-independent k-fold cross-validation (the usual CK+ protocol: 10 folds, no person in
 * both training and test). Subjects are shuffled with the seed, then each goes to the fold with
 * the fewest samples so far (ties to the lowest fold), which keeps fold sizes close.
 */
public final class SubjectFolds {
  private SubjectFolds() {}

  /**
   * Assigns every sample a fold in {@code 0..k-1}, all samples of one subject to the same fold.
   *
   * @return fold of each sample, same order as {@code samples}
   */
  public static int[] assign(List<Sample> samples, int k, long seed) {
    Map<String, List<Integer>> bySubject = new TreeMap<>();
    for (int i = 0; i < samples.size(); i++) {
      String subject = samples.get(i).subject();
      if (subject == null) {
        throw FerException.badInput("subject-independent folds need a subject for every sample;"
            + " sample " + samples.get(i).id() + " has none");
      }
      bySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(i);
    }
    if (k < 2 || k > bySubject.size()) {
      throw FerException.badInput("cannot make " + k + " subject-independent folds from "
          + bySubject.size() + " subjects; use 2.." + bySubject.size() + " folds");
    }
    List<String> subjects = new ArrayList<>(bySubject.keySet());
    Collections.shuffle(subjects, new Random(seed));
    int[] foldSize = new int[k];
    int[] fold = new int[samples.size()];
    for (String subject : subjects) {
      int smallest = 0;
      for (int f = 1; f < k; f++) {
        if (foldSize[f] < foldSize[smallest]) {
          smallest = f;
        }
      }
      for (int i : bySubject.get(subject)) {
        fold[i] = smallest;
      }
      foldSize[smallest] += bySubject.get(subject).size();
    }
    return fold;
  }

  /**
   * Adds {@code fold1/train}, {@code fold1/test}, ... {@code foldk/test} splits to {@code index}:
   * fold f's test split holds the samples assigned to f, its train split all others.
   */
  public static void addFolds(DatasetIndex.Builder index, List<Sample> samples, int k, long seed) {
    int[] fold = assign(samples, k, seed);
    for (int f = 0; f < k; f++) {
      List<Sample> train = new ArrayList<>();
      List<Sample> test = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        (fold[i] == f ? test : train).add(samples.get(i));
      }
      index.addAll("fold" + (f + 1) + "/train", train);
      index.addAll("fold" + (f + 1) + "/test", test);
    }
  }
}

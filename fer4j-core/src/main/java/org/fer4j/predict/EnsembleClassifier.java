package org.fer4j.predict;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;

/**
 * The mean of several classifiers' probabilities, class by class. All members must report the
 * same label space (the pretrained ones report fer4j's canonical {@link LabelSpace#EXPRESSION_7}).
 */
public final class EnsembleClassifier implements ExpressionClassifier {
  private final List<ExpressionClassifier> members;

  public EnsembleClassifier(List<ExpressionClassifier> members) {
    if (members.isEmpty()) {
      throw FerException.badInput("an ensemble needs at least one classifier");
    }
    LabelSpace labels = members.get(0).labels();
    for (ExpressionClassifier c : members) {
      if (!c.labels().classes().equals(labels.classes())) {
        throw FerException.badInput("ensemble members disagree on the classes: " + labels.classes()
            + " vs " + c.labels().classes() + " (" + c.getClass().getSimpleName() + ")");
      }
    }
    this.members = List.copyOf(members);
  }

  @Override
  public LabelSpace labels() {
    return members.get(0).labels();
  }

  @Override
  public List<float[]> classify(List<FaceInput> faces) {
    List<float[]> mean = new ArrayList<>();
    for (int f = 0; f < faces.size(); f++) {
      mean.add(new float[labels().size()]);
    }
    for (ExpressionClassifier c : members) {
      List<float[]> probs = c.classify(faces);
      for (int f = 0; f < faces.size(); f++) {
        float[] p = probs.get(f);
        float[] m = mean.get(f);
        for (int i = 0; i < m.length; i++) {
          m[i] += p[i] / members.size();
        }
      }
    }
    return mean;
  }
}

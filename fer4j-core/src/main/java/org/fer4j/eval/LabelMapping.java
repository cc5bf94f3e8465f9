package org.fer4j.eval;

import java.util.ArrayList;
import java.util.List;
import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.data.Sample;

/**
 * Maps a data set's classes into a model's classes by name (case-insensitive), for evaluating a
 * model on a data set it was not trained on: FED-RO with a RAF-DB model, or an 8-class FERPlus
 * model on a 7-class test set. Evaluation then happens in the model's label space, so a prediction
 * of a class the data set lacks (Contempt) simply counts as a mistake. A data class the model does
 * not know cannot be scored and is an error that names it.
 */
public final class LabelMapping {
  private final LabelSpace data;
  private final LabelSpace model;
  private final int[] toModel;

  private LabelMapping(LabelSpace data, LabelSpace model, int[] toModel) {
    this.data = data;
    this.model = model;
    this.toModel = toModel;
  }

  /** The mapping from {@code data}'s classes to {@code model}'s; every data class must exist in the model. */
  public static LabelMapping between(LabelSpace data, LabelSpace model) {
    if (data.multiLabel() != model.multiLabel()) {
      throw FerException.badInput("the data set's labels (" + data.name() + (data.multiLabel() ? ", attributes" : ", classes")
          + ") and the model's (" + model.name() + (model.multiLabel() ? ", attributes" : ", classes")
          + ") are of different kinds; evaluate on a data set of the kind the model was trained on");
    }
    int[] map = new int[data.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      map[i] = find(model, data.nameOf(i));
      if (map[i] < 0) {
        missing.add(data.nameOf(i));
      }
    }
    if (!missing.isEmpty()) {
      throw FerException.badInput("the model has no class " + missing + " of the data set (" + data.name()
          + "); its classes are " + model.classes() + ". Evaluate on a data set whose classes the model knows.");
    }
    if (data.multiLabel() && !identity(map)) {
      throw FerException.badInput("attribute order differs between the data set (" + data.name() + ") and the model ("
          + model.name() + "); attribute targets cannot be re-ordered here");
    }
    return new LabelMapping(data, model, map);
  }

  private static int find(LabelSpace space, String name) {
    for (int i = 0; i < space.size(); i++) {
      if (space.nameOf(i).equalsIgnoreCase(name.trim())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean identity(int[] map) {
    for (int i = 0; i < map.length; i++) {
      if (map[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** The model's index of data class {@code dataIndex}. */
  public int toModel(int dataIndex) {
    return toModel[dataIndex];
  }

  /** True when both spaces list the same classes in the same order (nothing to remap). */
  public boolean isIdentity() {
    return data.size() == model.size() && identity(toModel);
  }

  /** The samples with hard labels moved into the model's space (samples without one unchanged). */
  public List<Sample> apply(List<Sample> samples) {
    if (isIdentity()) {
      return samples;
    }
    List<Sample> out = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      // Soft targets are in the data set's order and only hard labels are scored: drop them.
      out.add(s.label() < 0 ? s : new Sample(s.id(), s.frames(), toModel[s.label()], null, s.intensity(),
          s.box(), s.split(), s.subject()));
    }
    return out;
  }
}

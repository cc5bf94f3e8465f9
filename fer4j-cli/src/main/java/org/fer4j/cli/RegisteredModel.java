package org.fer4j.cli;

import org.fer4j.FerException;
import org.fer4j.data.LabelSpace;
import org.fer4j.models.ModelSpec;

/** What export and explain share to read {@code --classes} for a {@code --model}. */
final class RegisteredModel {
  private RegisteredModel() {}

  /** The head's classes: the model's own unless {@code --classes} differs; 7 and 8 name the expressions. */
  static LabelSpace labels(ModelSpec spec, Integer classes) {
    if (classes == null || classes == spec.labels().size()) {
      return spec.labels();
    }
    if (classes < 1) {
      throw FerException.badInput("--classes must be >= 1, was " + classes);
    }
    return classes == 7 || classes == 8 ? LabelSpace.expressions(classes) : LabelSpace.indexed("classes", classes);
  }
}

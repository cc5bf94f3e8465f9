package org.fer4j.explain;

import java.util.Arrays;
import java.util.Locale;
import org.fer4j.FerException;

/** The gradient-based class activation map methods fer4j implements, by command-line key. */
public enum CamMethod {
  /** Grad-CAM: channel weights are the spatial mean of the gradients (arXiv:1610.02391). */
  GRAD_CAM("gradcam", "Grad-CAM"),
  /** Grad-CAM++: second-order pixel-wise weights of the positive gradients (arXiv:1710.11063). */
  GRAD_CAM_PLUS_PLUS("gradcampp", "Grad-CAM++");

  private final String key;
  private final String title;

  CamMethod(String key, String title) {
    this.key = key;
    this.title = title;
  }

  /** The command-line key, e.g. {@code gradcampp}. */
  public String key() {
    return key;
  }

  /** The name printed in captions, e.g. {@code Grad-CAM++}. */
  public String title() {
    return title;
  }

  /** The method with this key (case-insensitive); an unknown key is an error listing the valid ones. */
  public static CamMethod of(String key) {
    for (CamMethod m : values()) {
      if (m.key.equalsIgnoreCase(key.trim())) {
        return m;
      }
    }
    throw FerException.badInput(
        "unknown CAM method '" + key + "'; valid: "
            + Arrays.stream(values()).map(CamMethod::key).toList().toString().toLowerCase(Locale.ROOT));
  }
}

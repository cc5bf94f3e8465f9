package org.fer4j.explain;

import java.util.Arrays;
import java.util.Locale;
import org.fer4j.FerException;

/** Maps values in [0,1] to RGB colours for heat maps. */
public enum Colormap {
  /**
   * MATLAB's "jet" (blue - cyan - yellow - red), the usual look of Grad-CAM figures; piecewise linear
   * in each channel.
   */
  JET("jet"),
  /**
   * matplotlib's perceptually uniform "inferno" (black - purple - orange - pale yellow), approximated
   * by linear interpolation between 9 of its colours (at 0, 1/8, ..., 1); readable in greyscale.
   */
  INFERNO("inferno"),
  /** Black to white. */
  GRAY("gray");

  private static final int[][] INFERNO_STOPS = {
    {0, 0, 4}, {31, 12, 72}, {85, 15, 109}, {136, 34, 106}, {186, 54, 85},
    {227, 89, 51}, {249, 140, 10}, {249, 201, 50}, {252, 255, 164}
  };

  private final String key;

  Colormap(String key) {
    this.key = key;
  }

  /** The command-line key. */
  public String key() {
    return key;
  }

  /** The colormap with this key (case-insensitive); an unknown key lists the valid ones. */
  public static Colormap of(String key) {
    for (Colormap c : values()) {
      if (c.key.equalsIgnoreCase(key.trim())) {
        return c;
      }
    }
    throw FerException.badInput(
        "unknown colormap '" + key + "'; valid: "
            + Arrays.stream(values()).map(c -> c.key).toList().toString().toLowerCase(Locale.ROOT));
  }

  /** The colour of {@code v} (clamped to [0,1]) as 0xRRGGBB. */
  public int rgb(double v) {
    double t = Double.isNaN(v) ? 0 : Math.min(1, Math.max(0, v));
    return switch (this) {
      case JET -> pack(jet(t, 3), jet(t, 2), jet(t, 1));
      case INFERNO -> inferno(t);
      case GRAY -> pack(t, t, t);
    };
  }

  /** One jet channel: a tent of height 1.5 centred at offset/4, clipped to [0,1]. */
  private static double jet(double t, int offset) {
    return Math.min(1, Math.max(0, 1.5 - Math.abs(4 * t - offset)));
  }

  private static int inferno(double t) {
    double pos = t * (INFERNO_STOPS.length - 1);
    int i = Math.min((int) pos, INFERNO_STOPS.length - 2);
    double f = pos - i;
    int[] a = INFERNO_STOPS[i];
    int[] b = INFERNO_STOPS[i + 1];
    int r = (int) Math.round(a[0] + f * (b[0] - a[0]));
    int g = (int) Math.round(a[1] + f * (b[1] - a[1]));
    int bl = (int) Math.round(a[2] + f * (b[2] - a[2]));
    return (r << 16) | (g << 8) | bl;
  }

  private static int pack(double r, double g, double b) {
    return ((int) Math.round(r * 255) << 16) | ((int) Math.round(g * 255) << 8) | (int) Math.round(b * 255);
  }
}

package org.fer4j.face;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Box helpers shared by the detectors: IoU and greedy non-maximum suppression. */
public final class FaceBoxes {
  private FaceBoxes() {}

  /** An axis-aligned box as left, top, right, bottom. */
  public record Ltrb(double left, double top, double right, double bottom) {
    public double area() {
      return (right - left) * (bottom - top);
    }

    public double width() {
      return right - left;
    }

    public double height() {
      return bottom - top;
    }
  }

  /** Intersection over union; 0 when the boxes do not overlap. */
  public static double iou(Ltrb a, Ltrb b) {
    double w = Math.max(0, Math.min(a.right(), b.right()) - Math.max(a.left(), b.left()));
    double h = Math.max(0, Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top()));
    double inter = w * h;
    double union = a.area() + b.area() - inter;
    return union <= 0 ? 0 : inter / union;
  }

  /**
   * Greedy NMS as face-api's {@code src/ops/nonMaxSuppression.ts}: take the best remaining box,
   * drop every box whose IoU with it exceeds the threshold, repeat. Ties go to the later index
   * (face-api pops from an ascending sort).
   *
   * @return kept indices, best first
   */
  public static List<Integer> nonMaxSuppression(
      List<Ltrb> boxes, List<Double> scores, double iouThreshold) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < boxes.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingDouble((Integer i) -> scores.get(i))
            .thenComparingInt(i -> i)
            .reversed());
    List<Integer> keep = new ArrayList<>();
    boolean[] dropped = new boolean[boxes.size()];
    for (int idx : order) {
      if (dropped[idx]) {
        continue;
      }
      keep.add(idx);
      for (int other : order) {
        if (!dropped[other] && other != idx && iou(boxes.get(idx), boxes.get(other)) > iouThreshold) {
          dropped[other] = true;
        }
      }
    }
    return keep;
  }
}

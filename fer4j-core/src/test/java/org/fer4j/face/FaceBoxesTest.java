package org.fer4j.face;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fer4j.face.FaceBoxes.Ltrb;
import org.fer4j.face.faceapi.TfOps;
import org.junit.jupiter.api.Test;

class FaceBoxesTest {
  @Test
  void iouOfHalfOverlappingSquares() {
    // overlap 1x2 = 2, union 4 + 4 - 2 = 6
    assertThat(FaceBoxes.iou(new Ltrb(0, 0, 2, 2), new Ltrb(1, 0, 3, 2))).isEqualTo(2.0 / 6);
    assertThat(FaceBoxes.iou(new Ltrb(0, 0, 1, 1), new Ltrb(2, 2, 3, 3))).isZero();
  }

  @Test
  void nmsKeepsBestAndDropsOverlapsAboveThreshold() {
    List<Ltrb> boxes =
        List.of(new Ltrb(0, 0, 2, 2), new Ltrb(0.1, 0, 2.1, 2), new Ltrb(5, 5, 6, 6), new Ltrb(1, 0, 3, 2));
    List<Double> scores = List.of(0.6, 0.9, 0.7, 0.8);
    // 1 (0.9) kills 0 (IoU 0.9); 3 (0.8) has IoU 1.1*2/(8-2.2)=0.38 with 1 -> kept at 0.4
    assertThat(FaceBoxes.nonMaxSuppression(boxes, scores, 0.4)).containsExactly(1, 3, 2);
    assertThat(FaceBoxes.nonMaxSuppression(boxes, scores, 0.3)).containsExactly(1, 2);
  }

  @Test
  void tfSamePaddingIsBottomRightOnStrideTwo() {
    assertThat(TfOps.samePadding(112, 3, 2)).containsExactly(0, 1);
    assertThat(TfOps.samePadding(7, 3, 2)).containsExactly(1, 1);
    assertThat(TfOps.samePadding(13, 2, 1)).containsExactly(0, 1);
    assertThat(TfOps.samePadding(207, 2, 2)).containsExactly(0, 1);
    assertThat(TfOps.samePadding(56, 1, 2)).containsExactly(0, 0);
    assertThat(TfOps.samePadding(14, 3, 1)).containsExactly(1, 1);
  }
}

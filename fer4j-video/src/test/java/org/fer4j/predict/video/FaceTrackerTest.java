package org.fer4j.predict.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.fer4j.FerException;
import org.fer4j.data.FaceBox;
import org.fer4j.predict.FaceResult;
import org.junit.jupiter.api.Test;

class FaceTrackerTest {
  private static FaceResult face(float x, float y, float size) {
    return face(x, y, size, null);
  }

  private static FaceResult face(float x, float y, float size, float[] landmarks) {
    FaceBox box = new FaceBox(x, y, size, size);
    return new FaceResult(box, 0.9, landmarks, box, Map.of(), Float.NaN, null, Float.NaN);
  }

  private static List<Integer> ids(List<FaceTracker.Assignment> a) {
    return a.stream().map(FaceTracker.Assignment::track).toList();
  }

  @Test
  void idsAreGivenOnConfirmationAndStayWhileFacesMove() {
    FaceTracker tracker = FaceTracker.builder().optMinHits(2).build();
    assertThat(ids(tracker.update(List.of(face(0, 0, 40), face(100, 0, 40))))).containsExactly(0, 0);
    assertThat(ids(tracker.update(List.of(face(5, 0, 40), face(105, 0, 40))))).containsExactly(1, 2);
    // Order of detections swapped and both moved by 8 px: ids follow the faces, not the order.
    assertThat(ids(tracker.update(List.of(face(113, 2, 40), face(13, 2, 40))))).containsExactly(2, 1);
    assertThat(tracker.liveTracks()).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void oneFrameFalseDetectionLeavesNoIdAndTentativeTrackDiesOnMiss() {
    FaceTracker tracker = FaceTracker.builder().optMinHits(2).build();
    tracker.update(List.of(face(0, 0, 40), face(200, 200, 10)));
    tracker.update(List.of(face(2, 0, 40)));
    assertThat(tracker.liveTracks()).containsExactly(1);
    // The spurious face comes back later: a new tentative track, confirmed as id 2 (not 3).
    tracker.update(List.of(face(4, 0, 40), face(200, 200, 10)));
    assertThat(ids(tracker.update(List.of(face(6, 0, 40), face(200, 200, 10))))).containsExactly(1, 2);
  }

  @Test
  void confirmedTrackSurvivesMaxMissesWithVelocityAndDiesAfter() {
    FaceTracker tracker = FaceTracker.builder().optMinHits(1).optMaxMisses(3).build();
    tracker.update(List.of(face(0, 0, 20)));
    tracker.update(List.of(face(10, 0, 20)));
    tracker.update(List.of());
    tracker.update(List.of());
    // Two frames missed at 10 px/frame: the face is at 40, beyond IoU 0.3 of the last box (10)
    // but where the constant-velocity prediction puts it.
    assertThat(ids(tracker.update(List.of(face(40, 0, 20))))).containsExactly(1);
    for (int i = 0; i < 4; i++) {
      tracker.update(List.of());
    }
    assertThat(tracker.liveTracks()).isEmpty();
    assertThat(ids(tracker.update(List.of(face(80, 0, 20))))).containsExactly(2);
  }

  @Test
  void landmarksPairFacesWhoseBoxesJumped() {
    float[] points = new float[136];
    for (int i = 0; i < 68; i++) {
      points[2 * i] = 50 + i % 10;
      points[2 * i + 1] = 50 + i / 10;
    }
    FaceTracker tracker = FaceTracker.builder().optMinHits(1).build();
    tracker.update(List.of(face(30, 30, 60, points)));
    // Detector box shrank and shifted (IoU 0.11) but the landmarks did not move.
    assertThat(ids(tracker.update(List.of(face(60, 60, 30, points))))).containsExactly(1);
    assertThat(FaceTracker.landmarkDistance(face(30, 30, 60, points), face(60, 60, 30, points))).isZero();
  }

  @Test
  void landmarkDistanceIsMeanPointDistanceOverTheDiagonal() {
    float[] a = {0, 0, 10, 10};
    float[] b = {3, 4, 10, 10}; // distances 5 and 0, mean 2.5; box diagonal 30*sqrt(2)
    double d = FaceTracker.landmarkDistance(face(0, 0, 30, a), face(0, 0, 30, b));
    assertThat(d).isCloseTo(2.5 / (30 * Math.sqrt(2)), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void badSettingsAreRejected() {
    assertThatThrownBy(() -> FaceTracker.builder().optMinIou(0).build())
        .isInstanceOf(FerException.class).hasMessageContaining("minIou");
    assertThatThrownBy(() -> FaceTracker.builder().optMinHits(0).build())
        .isInstanceOf(FerException.class).hasMessageContaining("minHits");
  }
}

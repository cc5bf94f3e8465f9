package org.fer4j.data.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Vote columns: neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown,
 * NF.
 */
class FerPlusVotesTest {

  @Test
  void majorityKeepsAWinnerAboveHalfOfTheVotesLeftAfterDroppingSingleVotes() {
    // 6 neutral, 1 happiness (dropped as a single vote), 3 anger: 6 > 9/2, neutral wins.
    assertThat(FerPlusVotes.majority(new float[] {6, 1, 0, 0, 3, 0, 0, 0, 0, 0})).isEqualTo(0);
    // 5 happiness of 10: not more than half.
    assertThat(FerPlusVotes.majority(new float[] {3, 5, 0, 0, 0, 2, 0, 0, 0, 0})).isEqualTo(-1);
    // 5 happiness, 4 anger, 1 fear: the fear vote is dropped, 5 > 9/2.
    assertThat(FerPlusVotes.majority(new float[] {0, 5, 0, 0, 4, 0, 1, 0, 0, 0})).isEqualTo(1);
    // Unknown wins: the caller drops the row.
    assertThat(FerPlusVotes.majority(new float[] {0, 0, 2, 0, 0, 0, 0, 0, 8, 0})).isEqualTo(8);
    // Only single votes: nothing left.
    assertThat(FerPlusVotes.majority(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1})).isEqualTo(-1);
  }

  @Test
  void distributionTakesTopClassesUntilThreeQuartersOfTheVotes() {
    // 5 neutral + 3 happiness = 8 >= 7.5 of 10 after 2 classes; kept 8 > 5.
    float[] p = FerPlusVotes.distribution(new float[] {5, 3, 0, 0, 2, 0, 0, 0, 0, 0});
    assertThat(p[0]).isCloseTo(0.625f, within(1e-6f));
    assertThat(p[1]).isCloseTo(0.375f, within(1e-6f));
    assertThat(p[4]).isZero();
  }

  @Test
  void distributionStopsAtUnknownAndRejectsWeakRows() {
    // Unknown ties first: unknown alone is kept, the caller drops the row (arg-max unknown).
    float[] unknown = FerPlusVotes.distribution(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 6, 4});
    assertThat(unknown[8]).isEqualTo(1f);
    // Four classes tied at 2 of 8 votes: more than three classes, rejected.
    assertThat(FerPlusVotes.distribution(new float[] {2, 2, 2, 2, 0, 0, 0, 0, 0, 0})).isNull();
    // Happiness 4, then disgust and unknown tie at 3: unknown comes after other classes and is
    // dropped again, leaving happiness 4/7 and disgust 3/7.
    float[] mixed = FerPlusVotes.distribution(new float[] {0, 4, 0, 0, 0, 3, 0, 0, 3, 0});
    assertThat(mixed[1]).isCloseTo(4f / 7, within(1e-6f));
    assertThat(mixed[5]).isCloseTo(3f / 7, within(1e-6f));
    assertThat(mixed[8]).isZero();
  }
}

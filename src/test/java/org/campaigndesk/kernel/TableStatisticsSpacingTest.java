package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Imports one after another analyze at most once per spacing, and once more after the last (times given, not waited for). */
class TableStatisticsSpacingTest {

  static final long S = 1_000_000_000L;

  @Test
  void theFirstImportAnalyzesAtOnce_laterOnesOncePerSpacing_andOnceAfterTheLast() {
    TableStatistics.Spacing spacing = new TableStatistics.Spacing(10 * S);
    assertThat(spacing.delayOfNext(100 * S)).isZero();
    spacing.started(100 * S);

    // Imports 2 s, 3 s and 9 s later: one refresh, when 10 s have passed since the last began.
    assertThat(spacing.delayOfNext(102 * S)).isEqualTo(8 * S);
    assertThat(spacing.delayOfNext(103 * S)).as("one is waiting").isEqualTo(-1);
    assertThat(spacing.delayOfNext(109 * S)).isEqualTo(-1);
    spacing.started(110 * S);

    // An import long after: at once again.
    assertThat(spacing.delayOfNext(200 * S)).isZero();
  }
}

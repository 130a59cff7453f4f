package org.campaigndesk.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The colour rules at each boundary, without the engine. */
class LedgerColourTest {

  /** A deadline: 30 June, end of day in Shanghai. */
  static final Instant DEADLINE = OffsetDateTime.parse("2026-06-30T23:59:59+08:00").toInstant();

  static Instant at(String iso) {
    return OffsetDateTime.parse(iso).toInstant();
  }

  @Test
  void greenUntilSevenDaysBeforeTheDeadline_yellowFromThen() {
    assertThat(LedgerColour.of(false, DEADLINE, at("2026-06-23T23:59:59+08:00"), false)).isEqualTo(LedgerColour.GREEN);
    assertThat(LedgerColour.of(false, DEADLINE, at("2026-06-24T00:00:00+08:00"), false)).isEqualTo(LedgerColour.YELLOW);
  }

  @Test
  void yellowOnTheLastSecond_redOnceTheDeadlineHasPassed() {
    assertThat(LedgerColour.of(false, DEADLINE, at("2026-06-30T23:59:59+08:00"), false)).isEqualTo(LedgerColour.YELLOW);
    assertThat(LedgerColour.of(false, DEADLINE, at("2026-07-01T00:00:00+08:00"), false)).isEqualTo(LedgerColour.RED);
  }

  @Test
  void aMissingMonthlyReportMakesAnOnTrackTaskYellow_butNotARedOneLessRed() {
    assertThat(LedgerColour.of(false, DEADLINE, at("2026-05-21T00:00:00+08:00"), true)).isEqualTo(LedgerColour.YELLOW);
    assertThat(LedgerColour.of(false, DEADLINE, at("2026-07-21T00:00:00+08:00"), true)).isEqualTo(LedgerColour.RED);
  }

  @Test
  void anApprovedExtensionIsJudgedByTheNewDeadline() {
    Instant extended = at("2026-08-31T23:59:59+08:00");
    Instant now = at("2026-07-02T10:00:00+08:00");
    assertThat(LedgerColour.of(false, DEADLINE, now, false)).isEqualTo(LedgerColour.RED);
    assertThat(LedgerColour.of(false, extended, now, false)).isEqualTo(LedgerColour.GREEN);
  }

  @Test
  void closedOutIsGreyWhateverTheDates() {
    assertThat(LedgerColour.of(true, DEADLINE, at("2026-09-01T00:00:00+08:00"), true)).isEqualTo(LedgerColour.GREY);
  }

  @Test
  void noDeadlineYetIsGreenUnlessAReportIsMissing() {
    assertThat(LedgerColour.of(false, null, at("2026-09-01T00:00:00+08:00"), false)).isEqualTo(LedgerColour.GREEN);
    assertThat(LedgerColour.of(false, null, at("2026-09-01T00:00:00+08:00"), true)).isEqualTo(LedgerColour.YELLOW);
  }

  @Test
  void filtersAcceptEnglishNamesAndChineseLabels() {
    assertThat(LedgerColour.parse("red")).isEqualTo(LedgerColour.RED);
    assertThat(LedgerColour.parse("黄")).isEqualTo(LedgerColour.YELLOW);
    assertThatThrownBy(() -> LedgerColour.parse("blue")).isInstanceOf(IllegalArgumentException.class);
  }
}

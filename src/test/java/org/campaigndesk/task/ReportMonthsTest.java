package org.campaigndesk.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.campaigndesk.plan.PlanFacts;
import org.junit.jupiter.api.Test;

/** The month arithmetic of the monthly reports, without the engine. */
class ReportMonthsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final YearMonth JAN_2027 = YearMonth.of(2027, 1);

  static Instant at(String isoOffsetDateTime) {
    return OffsetDateTime.parse(isoOffsetDateTime).toInstant();
  }

  static YearMonth next(YearMonth firstMonth, YearMonth lastOpened, String now) {
    return ProgressReports.nextMonth(firstMonth, lastOpened, SHANGHAI, at(now));
  }

  @Test
  void theFirstOpening_isTheNextFirstOfAMonth_inThePlansSpan() {
    assertThat(next(YearMonth.of(2026, 1), null, "2026-03-10T10:00:00+08:00")).isEqualTo(YearMonth.of(2026, 4));
    // Before 08:00 on the first, this month's opening is still to come; after it, next month's.
    assertThat(next(YearMonth.of(2026, 1), null, "2026-04-01T07:59:00+08:00")).isEqualTo(YearMonth.of(2026, 4));
    assertThat(next(YearMonth.of(2026, 1), null, "2026-04-01T08:00:00+08:00")).isEqualTo(YearMonth.of(2026, 5));
    // In the plan's zone: 20:00 UTC on 31 March is 04:00 on 1 April in Shanghai.
    assertThat(next(YearMonth.of(2026, 1), null, "2026-03-31T20:00:00Z")).isEqualTo(YearMonth.of(2026, 4));
    // No first month known: no limit.
    assertThat(next(null, null, "2026-03-10T10:00:00+08:00")).isEqualTo(YearMonth.of(2026, 4));
  }

  @Test
  void theFirstOpening_ofAPlanImportedBeforeItsSpan_isItsFirstMonth() {
    assertThat(next(JAN_2027, null, "2026-12-06T14:00:00+08:00")).isEqualTo(JAN_2027);
    assertThat(next(JAN_2027, null, "2026-10-10T10:00:00+08:00")).isEqualTo(JAN_2027);
    assertThat(next(YearMonth.of(2028, 1), null, "2026-10-10T10:00:00+08:00")).isEqualTo(YearMonth.of(2028, 1));
  }

  @Test
  void afterAnOpening_theMonthAfterIt_orThisMonthOnceThatHasGoneBy() {
    // On time: 1 April opened April, next May.
    assertThat(next(YearMonth.of(2026, 1), YearMonth.of(2026, 4), "2026-04-01T08:00:05+08:00")).isEqualTo(YearMonth.of(2026, 5));
    // January's opening run on 2 February: February's next (its opening due already), none skipped.
    assertThat(next(JAN_2027, JAN_2027, "2027-02-02T09:00:00+08:00")).isEqualTo(YearMonth.of(2027, 2));
    // January's opening moved to now in December (the benchmark): February's next, not December's.
    assertThat(next(JAN_2027, JAN_2027, "2026-12-06T14:00:00+08:00")).isEqualTo(YearMonth.of(2027, 2));
    // Stopped from January to April: this month's next, the months gone by are not reported any more.
    assertThat(next(JAN_2027, JAN_2027, "2027-04-10T09:00:00+08:00")).isEqualTo(YearMonth.of(2027, 4));
    // A month before the span (an earlier version's timer) opened nothing: the plan's first month next.
    assertThat(next(JAN_2027, YearMonth.of(2026, 11), "2026-11-01T08:00:05+08:00")).isEqualTo(JAN_2027);
    // Across the year's end.
    assertThat(next(JAN_2027, YearMonth.of(2027, 12), "2027-12-01T08:00:05+08:00")).isEqualTo(YearMonth.of(2028, 1));
  }

  @Test
  void theCalendarOpensItsTimersMonth_aheadOrLateByAMonth_elseThisMonth() {
    YearMonth january = JAN_2027;
    // Moved to now in December (the benchmark), on time, late into February: January.
    assertThat(ProgressReports.monthToOpen(january, SHANGHAI, at("2026-12-06T14:00:00+08:00"))).isEqualTo(january);
    assertThat(ProgressReports.monthToOpen(january, SHANGHAI, at("2027-01-01T08:00:05+08:00"))).isEqualTo(january);
    assertThat(ProgressReports.monthToOpen(january, SHANGHAI, at("2027-02-28T23:00:00+08:00"))).isEqualTo(january);
    // Stopped until March: January is no longer reported, March is (as the calendar always did).
    assertThat(ProgressReports.monthToOpen(january, SHANGHAI, at("2027-03-01T08:00:05+08:00"))).isEqualTo(YearMonth.of(2027, 3));
    assertThat(ProgressReports.stillOpens(january, SHANGHAI, at("2027-03-01T08:00:05+08:00"))).isFalse();
    // No month kept (a timer an earlier version set): this month, in the plan's zone.
    assertThat(ProgressReports.monthToOpen(null, SHANGHAI, at("2027-03-31T20:00:00Z"))).isEqualTo(YearMonth.of(2027, 4));
  }

  @Test
  void aMonthOpensOnItsFirst_at0800_inThePlansZone() {
    assertThat(ProgressReports.openingOf(JAN_2027, SHANGHAI).toInstant()).isEqualTo(at("2027-01-01T08:00:00+08:00"));
    assertThat(ProgressReports.openingOf(JAN_2027, ZoneId.of("UTC")).toInstant()).isEqualTo(at("2027-01-01T08:00:00Z"));
  }

  static PlanFacts facts(String spanText, Integer firstYear) {
    return new PlanFacts("p", "计划", 2020, "Asia/Shanghai", List.of(), List.of(), List.of(), List.of(), null,
        PlanFacts.CURRENT_VERSION, spanText, List.of(), firstYear);
  }

  @Test
  void thePlansFirstMonth_isJanuaryOfItsFirstYear_readFromTheSpanTextInOlderFacts() {
    assertThat(facts("2018—2020年", 2018).firstMonth()).contains(YearMonth.of(2018, 1));
    // Facts stored before they named the first year: their span's text begins with it.
    assertThat(facts("2018—2020年", null).firstMonth()).contains(YearMonth.of(2018, 1));
    assertThat(facts("2020年", null).firstMonth()).contains(YearMonth.of(2020, 1));
    assertThat(facts(null, null).firstMonth()).isEmpty();
  }
}

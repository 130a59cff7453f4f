package org.campaigndesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.campaigndesk.config.CampaignDeskProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/** The State Council's holidays and 调休 days as shipped, and configuration on top of them. */
class OfficialHolidaysTest {

  static CampaignDeskProperties.Calendar settings(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("campaign-desk", CampaignDeskProperties.class).calendar();
  }

  /** The calendar the application builds with no calendar settings at all: the shipped default. */
  final WorkingCalendar calendar = WorkingCalendarConfig.build(settings(Map.of()), new DefaultResourceLoader());

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void springFestival2020_extendedToSunday2February_andSaturday1FebruaryNoLongerWorked() {
    // 国办发明电〔2020〕1号: 1月24日至2月2日 off, 2月3日（星期一）back at work; the original 2月1日 make-up day lapsed.
    for (LocalDate day = d("2020-01-24"); !day.isAfter(d("2020-02-02")); day = day.plusDays(1)) {
      assertThat(calendar.isWorkingDay(day)).as(day.toString()).isFalse();
    }
    assertThat(calendar.isWorkingDay(d("2020-01-31"))).isFalse();
    assertThat(calendar.isWorkingDay(d("2020-02-01"))).isFalse();
    assertThat(calendar.isWorkingDay(d("2020-02-03"))).isTrue();
    // The make-up Sunday before the festival still stood.
    assertThat(calendar.isWorkingDay(d("2020-01-19"))).isTrue();
    // A reminder due on 31 January moves back to Thursday 23 January, the last working day before.
    assertThat(calendar.onOrBefore(d("2020-01-31"))).isEqualTo(d("2020-01-23"));
  }

  @Test
  void makeUpWorkingDays2026_areWorked_andTheHolidaysAroundThemAreOff() {
    // 国务院办公厅关于2026年部分节假日安排的通知: six weekend days worked.
    for (String day : new String[] {"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"}) {
      assertThat(d(day).getDayOfWeek()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(calendar.isWorkingDay(d(day))).as(day).isTrue();
    }
    // Spring Festival 2026: nine days, 15 to 23 February.
    assertThat(d("2026-02-15").datesUntil(d("2026-02-24"))).noneMatch(calendar::isWorkingDay);
    assertThat(calendar.isWorkingDay(d("2026-02-24"))).isTrue();
    assertThat(calendar.isWorkingDay(d("2026-01-02"))).isFalse();
    assertThat(calendar.isWorkingDay(d("2026-05-05"))).isFalse();
    assertThat(calendar.isWorkingDay(d("2026-06-19"))).isFalse();
    assertThat(calendar.isWorkingDay(d("2026-09-25"))).isFalse();
    assertThat(d("2026-10-01").datesUntil(d("2026-10-08"))).noneMatch(calendar::isWorkingDay);
    // Five working days after Friday 13 February: Saturday 14th (worked), then 24th to 27th.
    assertThat(calendar.plusWorkingDays(d("2026-02-13"), 5)).isEqualTo(d("2026-02-27"));
  }

  @Test
  void everyYearFrom2018To2026_isThere_withItsNationalDay() {
    for (int year = 2018; year <= 2026; year++) {
      assertThat(calendar.isWorkingDay(LocalDate.of(year, 10, 1))).as("国庆 " + year).isFalse();
      assertThat(calendar.isWorkingDay(LocalDate.of(year, 5, 1))).as("劳动节 " + year).isFalse();
    }
    // 2019's Labour Day, as the March 2019 notice changed it: 1 to 4 May, Sunday 5 May worked.
    assertThat(calendar.isWorkingDay(d("2019-05-03"))).isFalse();
    assertThat(calendar.isWorkingDay(d("2019-05-05"))).isTrue();
  }

  @Test
  void configuration_addsToTheOfficialDays_andWinsOverThem() {
    WorkingCalendar configured = WorkingCalendarConfig.build(settings(Map.of(
        "campaign-desk.calendar.holidays[0]", "2026-06-23",
        "campaign-desk.calendar.holidays[1]", "2026-02-28",
        "campaign-desk.calendar.make-up-working-days[0]", "2026-06-19")), new DefaultResourceLoader());

    assertThat(configured.isWorkingDay(d("2026-06-23"))).isFalse();
    assertThat(configured.isWorkingDay(d("2026-02-28"))).as("an official make-up day the county takes off").isFalse();
    assertThat(configured.isWorkingDay(d("2026-06-19"))).as("an official holiday the county works").isTrue();
    assertThat(configured.isWorkingDay(d("2026-02-16"))).as("the rest of the official days").isFalse();
  }

  @Test
  void officialDaysSwitchedOff_leaveOnlyWeekendsAndConfiguredDays() {
    WorkingCalendar none = WorkingCalendarConfig.build(settings(Map.of("campaign-desk.calendar.official-days", "",
        "campaign-desk.calendar.weekend[0]", "SUNDAY")), new DefaultResourceLoader());

    assertThat(none.isWorkingDay(d("2026-10-01"))).isTrue();
    assertThat(none.isWorkingDay(d("2026-10-03"))).isTrue();
    assertThat(none.isWorkingDay(d("2026-10-04"))).isFalse();
    assertThat(none.weekend()).isEqualTo(Set.of(DayOfWeek.SUNDAY));
  }
}

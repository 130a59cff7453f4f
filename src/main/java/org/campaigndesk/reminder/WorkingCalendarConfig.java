package org.campaigndesk.reminder;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.campaigndesk.config.CampaignDeskProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.ResourceLoader;

/** The working calendar: the official holidays and 调休 days, then {@code campaign-desk.calendar} on top. */
@Configuration
public class WorkingCalendarConfig {

  @Bean
  WorkingCalendar workingCalendar(CampaignDeskProperties properties, ResourceLoader resourceLoader) {
    return build(properties.calendar(), resourceLoader);
  }

  /**
   * The configured days add to the official ones and win over them: a configured holiday is off even
   * if the notice made it a make-up working day, a configured make-up working day is worked even if
   * the notice gave it off.
   */
  public static WorkingCalendar build(CampaignDeskProperties.Calendar settings, ResourceLoader resourceLoader) {
    String location = settings.officialDays();
    OfficialHolidays official = location == null || location.isBlank()
        ? OfficialHolidays.NONE
        : OfficialHolidays.read((resourceLoader != null ? resourceLoader : new DefaultResourceLoader()).getResource(location));
    Set<LocalDate> holidays = new HashSet<>(official.daysOff());
    holidays.removeAll(settings.makeUpWorkingDays());
    holidays.addAll(settings.holidays());
    Set<LocalDate> makeUp = new HashSet<>(official.makeUpWorkingDays());
    makeUp.removeAll(settings.holidays());
    makeUp.addAll(settings.makeUpWorkingDays());
    return new WorkingCalendar(settings.weekend(), holidays, makeUp);
  }
}

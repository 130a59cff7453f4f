package org.campaigndesk.kernel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The application's one clock: the process engine's clock, so that what the application computes
 * ("now", "today") agrees with when the engine fires timers, and tests that move the engine's clock
 * move both.
 */
public final class Clocks {

  private Clocks() {}

  public static Date now() {
    return ClockUtil.getCurrentTime();
  }

  public static Instant instant() {
    return now().toInstant();
  }

  /** Today's date in the given zone (a plan's zone: due dates follow the plan, not the server). */
  public static LocalDate today(ZoneId zone) {
    return LocalDate.ofInstant(instant(), zone);
  }
}

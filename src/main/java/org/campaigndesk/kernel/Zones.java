package org.campaigndesk.kernel;

import java.time.ZoneId;

/** The one source of the default time zone: plans without a {@code timezone} run in China Standard Time. */
public final class Zones {

  public static final ZoneId DEFAULT = ZoneId.of("Asia/Shanghai");

  private Zones() {}

  /** The zone a process variable names (an IANA id such as {@code Asia/Shanghai}), else {@link #DEFAULT}. */
  public static ZoneId orDefault(Object zoneId) {
    return zoneId == null ? DEFAULT : ZoneId.of(zoneId.toString());
  }
}

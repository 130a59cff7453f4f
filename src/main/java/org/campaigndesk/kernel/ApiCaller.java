package org.campaigndesk.kernel;

import java.util.Set;

/**
 * What the API's authentication filter tells the controllers of {@code /api} about the caller, as
 * request attributes. Kept down here so that any feature's controller reads them without depending
 * on the security package that sets them.
 */
public final class ApiCaller {

  public static final String USER_ATTRIBUTE = "campaignDesk.userId";
  /** The caller's counties: a Set of region ids, or {@link #ALL_REGIONS}. */
  public static final String REGIONS_ATTRIBUTE = "campaignDesk.regions";
  public static final Set<String> ALL_REGIONS = Set.of("*");

  private ApiCaller() {}
}

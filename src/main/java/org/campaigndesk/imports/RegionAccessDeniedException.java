package org.campaigndesk.imports;

/** A coordinator acting on a county (region) that is not theirs. */
public class RegionAccessDeniedException extends RuntimeException {

  public RegionAccessDeniedException(String userId, String regionId) {
    super("user '" + userId + "' is not a coordinator of region '" + regionId + "'");
  }
}

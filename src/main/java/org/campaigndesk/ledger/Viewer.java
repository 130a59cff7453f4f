package org.campaigndesk.ledger;

import java.util.List;
import java.util.Set;

/**
 * Who looks at the ledger, and what they may see. A province user (group {@code province}) or a
 * Camunda administrator reads every county; a coordinator reads the counties (Camunda tenants) he
 * belongs to, or every county while the installation has no tenants at all; any other user reads
 * the rows where one of his groups is the lead or a responsible unit, or where he is a lead leader.
 */
public record Viewer(String userId, Set<String> groupIds, Kind kind, Set<String> tenantIds, boolean tenantsExist) {

  public enum Kind { PROVINCE, COORDINATOR, UNIT }

  public boolean seesCounty(String tenantId) {
    if (kind == Kind.PROVINCE || !tenantsExist) {
      return true;
    }
    return tenantId == null ? tenantIds.isEmpty() : tenantIds.contains(tenantId);
  }

  /** @param unitIds lead, co-lead and responsible units of the row */
  public boolean seesRow(String tenantId, List<String> unitIds, List<String> leaderIds) {
    if (!seesCounty(tenantId)) {
      return false;
    }
    if (kind != Kind.UNIT) {
      return true;
    }
    return unitIds.stream().anyMatch(groupIds::contains) || leaderIds.contains(userId);
  }

  public boolean seesUnit(String unitId) {
    return kind != Kind.UNIT || groupIds.contains(unitId);
  }
}

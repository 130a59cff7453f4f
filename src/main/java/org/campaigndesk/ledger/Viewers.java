package org.campaigndesk.ledger;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.campaigndesk.identity.IdentitySync;
import org.springframework.stereotype.Component;

/** Resolves a user's view of the ledger from Camunda's groups and tenant memberships (two or three queries). */
@Component
public class Viewers {

  /** Reads every county, acts on none. */
  public static final String PROVINCE = "province";

  private final IdentityService identityService;

  public Viewers(IdentityService identityService) {
    this.identityService = identityService;
  }

  public Viewer of(String userId) {
    Set<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .collect(Collectors.toSet());
    Viewer.Kind kind = groups.contains(PROVINCE) || groups.contains(Groups.CAMUNDA_ADMIN) ? Viewer.Kind.PROVINCE
        : groups.contains(IdentitySync.COORDINATORS) ? Viewer.Kind.COORDINATOR : Viewer.Kind.UNIT;
    Set<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list().stream()
        .map(Tenant::getId).collect(Collectors.toSet());
    boolean tenantsExist = !tenants.isEmpty() || identityService.createTenantQuery().count() > 0;
    return new Viewer(userId, groups, kind, tenants, tenantsExist);
  }
}

package org.campaigndesk.identity;

import org.camunda.bpm.engine.authorization.Groups;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.kernel.InstallationLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the coordinators' group and its first user exist. Outside the demo the administrator's
 * password must come from the environment: the application refuses to start without one rather
 * than fall back to a well-known password, and refuses a weak one (see {@link AdminPasswordPolicy}).
 */
@Component
@Order(10)
public class AdminBootstrap implements ApplicationRunner {

  private final IdentitySync identitySync;
  private final CampaignDeskProperties properties;
  private final InstallationLock installationLock;

  public AdminBootstrap(IdentitySync identitySync, CampaignDeskProperties properties, InstallationLock installationLock) {
    this.identitySync = identitySync;
    this.properties = properties;
    this.installationLock = installationLock;
    if (!properties.demo().enabled() && isBlank(properties.admin().password())) {
      throw new IllegalStateException("campaign-desk.admin.password is not set: export CAMPAIGN_DESK_ADMIN_PASSWORD"
          + " with the password of the '" + properties.admin().userId() + "' coordinator before starting");
    }
    // The demo's password is public anyway; anywhere else a guessable one would open every county.
    if (!properties.demo().enabled()) {
      java.util.List<String> problems = AdminPasswordPolicy.problems(properties.admin().userId(), properties.admin().password());
      if (!problems.isEmpty()) {
        throw new IllegalStateException("campaign-desk.admin.password (CAMPAIGN_DESK_ADMIN_PASSWORD) is too weak: "
            + String.join("; ", problems) + ". Rule: at least " + AdminPasswordPolicy.MIN_LENGTH
            + " characters of at least two classes (letters, digits, others), not the user id, not a well-known password");
      }
    }
  }

  /** The roles are every county's: one transaction, in turn with other nodes starting and with imports. */
  @Override
  public void run(ApplicationArguments args) {
    installationLock.inTurn(this::ensureRolesAndAdministrator);
  }

  private void ensureRolesAndAdministrator() {
    identitySync.ensureCoordinators();
    identitySync.ensureInterviewGroup(properties.escalation().interviewGroup());
    identitySync.ensureInspectionTeam();
    String password = isBlank(properties.admin().password()) ? properties.demo().password() : properties.admin().password();
    identitySync.ensureUser(properties.admin().userId(), "县扶贫办", "管理员", properties.admin().email(), password);
    identitySync.ensureMembership(properties.admin().userId(), IdentitySync.COORDINATORS);
    identitySync.ensureMembership(properties.admin().userId(), Groups.CAMUNDA_ADMIN);
    // Until the county names its inspection team, the coordinator records inspections.
    identitySync.ensureMembership(properties.admin().userId(), IdentitySync.INSPECTION_TEAM);
    // The default county (where plans without plan.region go) is coordinated by the administrator until it names its own.
    if (properties.defaultRegion().isSet()) {
      identitySync.ensureRegion(new Plan.Region(properties.defaultRegion().id(),
          properties.defaultRegion().name() == null ? properties.defaultRegion().id() : properties.defaultRegion().name()));
      identitySync.ensureTenantMembership(properties.defaultRegion().id(), properties.admin().userId());
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}

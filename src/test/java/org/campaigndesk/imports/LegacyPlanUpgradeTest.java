package org.campaigndesk.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.campaigndesk.plan.PlanPrincipals;
import org.campaigndesk.plan.PlanRepository;
import org.camunda.bpm.engine.IdentityService;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** An installation upgraded from before counties keeps its plans, units and logins, now in the default region. */
class LegacyPlanUpgradeTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  LegacyPlanUpgrade upgrade;
  @Autowired
  PlanRepository repository;
  @Autowired
  PlanPrincipals principals;
  @Autowired
  IdentityService identityService;
  @Autowired
  JdbcTemplate jdbc;

  @Test
  void aPlanWithoutRegion_isPlacedInTheDefaultRegion_andItsCountysNextPlanFindsTheSameLogins() {
    String p = "lg" + UUID.randomUUID().toString().substring(0, 6);
    importService.importPlan(TestPlans.plan(p + "-2026").replace("t-", p + "-"), "test", null);
    // As an installation from before counties left it: no region, no recorded ids, no tenant memberships.
    jdbc.update("update cd_plan set region_id = null where id = ?", p + "-2026");
    jdbc.update("delete from cd_principal where local_id like ?", p + "-%");
    identityService.deleteTenantGroupMembership("demo", p + "-agri");

    assertThat(upgrade.upgrade()).isGreaterThanOrEqualTo(1);
    assertThat(repository.find(p + "-2026").orElseThrow().regionId()).isEqualTo("demo");
    assertThat(principals.mapping("demo").units()).containsEntry(p + "-agri", p + "-agri");
    assertThat(identityService.createTenantQuery().groupMember(p + "-agri").singleResult().getId()).isEqualTo("demo");

    // The county's next plan, with the same unit ids, reaches the same groups and logins.
    PlanImportService.ImportResult next = importService.importPlan(TestPlans.plan(p + "-2027").replace("t-", p + "-"), "test", null);
    assertThat(next.regionId()).isEqualTo("demo");
    assertThat(identityService.createGroupQuery().groupId("demo." + p + "-agri").count()).isZero();
    assertThat(upgrade.upgrade()).isZero();
  }
}

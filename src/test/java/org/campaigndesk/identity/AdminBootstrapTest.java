package org.campaigndesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.campaigndesk.config.CampaignDeskProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Outside the demo (the postgres profile) the application refuses to start without an admin password. */
class AdminBootstrapTest {

  static CampaignDeskProperties properties(java.util.Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("campaign-desk", CampaignDeskProperties.class);
  }

  @Test
  void productionWithoutAdminPassword_refusesToStart() {
    CampaignDeskProperties production = properties(java.util.Map.of("campaign-desk.demo.enabled", "false"));
    assertThatThrownBy(() -> new AdminBootstrap(null, production, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CAMPAIGN_DESK_ADMIN_PASSWORD");
    CampaignDeskProperties blank = properties(java.util.Map.of("campaign-desk.demo.enabled", "false", "campaign-desk.admin.password", " "));
    assertThatThrownBy(() -> new AdminBootstrap(null, blank, null)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void productionWithAdminPassword_orTheDemo_starts() {
    assertThatCode(() -> new AdminBootstrap(null, properties(java.util.Map.of(
        "campaign-desk.demo.enabled", "false", "campaign-desk.admin.password", "s3cret-Passage")), null)).doesNotThrowAnyException();
    assertThatCode(() -> new AdminBootstrap(null, properties(java.util.Map.of("campaign-desk.demo.enabled", "true")), null))
        .doesNotThrowAnyException();
  }

  @Test
  void productionWithAWeakAdminPassword_refusesToStart() {
    for (String weak : new String[] {"a", "demo", "admin", "abcdefghijkl", "123456789012", "choose-a-password", "Admin"}) {
      assertThatThrownBy(() -> new AdminBootstrap(null, properties(java.util.Map.of(
          "campaign-desk.demo.enabled", "false", "campaign-desk.admin.password", weak)), null))
          .as(weak).isInstanceOf(IllegalStateException.class).hasMessageContaining("too weak");
    }
  }

  @Test
  void passwordRule_namesEachBreach() {
    assertThat(AdminPasswordPolicy.problems("admin", "a")).containsExactly(
        "it has 1 characters, at least 10 are required",
        "it uses one class of characters only; mix letters, digits and other characters");
    assertThat(AdminPasswordPolicy.problems("zhangsan01", "zhangsan01")).containsExactly("it is the user id");
    assertThat(AdminPasswordPolicy.problems("admin", "Changeme")).contains("it is a well-known password");
    assertThat(AdminPasswordPolicy.problems("admin", "县扶贫办-2026-春")).isEmpty();
    assertThat(AdminPasswordPolicy.problems("admin", "test-admin")).isEmpty();
  }

  @Test
  void progressReportDayMustExistInEveryMonth() {
    assertThatThrownBy(() -> properties(java.util.Map.of("campaign-desk.progress-report-day", "31")))
        .hasRootCauseMessage("campaign-desk.progress-report-day: 31 must be between 1 and 28, so that every month has that day");
  }
}

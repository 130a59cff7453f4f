package org.campaigndesk.identity;

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
    assertThatThrownBy(() -> new AdminBootstrap(null, production))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CAMPAIGN_DESK_ADMIN_PASSWORD");
    CampaignDeskProperties blank = properties(java.util.Map.of("campaign-desk.demo.enabled", "false", "campaign-desk.admin.password", " "));
    assertThatThrownBy(() -> new AdminBootstrap(null, blank)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void productionWithAdminPassword_orTheDemo_starts() {
    assertThatCode(() -> new AdminBootstrap(null, properties(java.util.Map.of(
        "campaign-desk.demo.enabled", "false", "campaign-desk.admin.password", "s3cret")))).doesNotThrowAnyException();
    assertThatCode(() -> new AdminBootstrap(null, properties(java.util.Map.of("campaign-desk.demo.enabled", "true"))))
        .doesNotThrowAnyException();
  }

  @Test
  void progressReportDayMustExistInEveryMonth() {
    assertThatThrownBy(() -> properties(java.util.Map.of("campaign-desk.progress-report-day", "31")))
        .hasRootCauseMessage("campaign-desk.progress-report-day: 31 must be between 1 and 28, so that every month has that day");
  }
}

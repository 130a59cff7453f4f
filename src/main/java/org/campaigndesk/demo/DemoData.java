package org.campaigndesk.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.plan.PlanRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * On the embedded defaults, imports the demo plan once, moved to the current year, so a newcomer
 * finds work in Tasklist and Cockpit right away. Every user it creates has the demo password.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "campaign-desk.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  static final String DISCIPLINE_COMMISSION = "县纪委监委";

  private final IdentitySync identitySync;
  private final PlanReader reader;
  private final PlanRepository repository;
  private final PlanImportService importService;
  private final CampaignDeskProperties properties;

  public DemoData(PlanReader reader, PlanRepository repository, PlanImportService importService,
      CampaignDeskProperties properties, IdentitySync identitySync) {
    this.identitySync = identitySync;
    this.reader = reader;
    this.repository = repository;
    this.importService = importService;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    String source;
    try (InputStream in = new ClassPathResource(properties.demo().plan()).getInputStream()) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Plan original = reader.read(source);
    ZoneId zone = original.info().timezone();
    int currentYear = Clocks.today(zone).getYear();
    Plan plan = original.shiftedToYear(currentYear);
    if (repository.find(plan.info().id()).isPresent()) {
      return;
    }
    PlanImportService.ImportResult result = importService.importPlan(plan, source, currentYear - original.info().year(),
        PlanImportService.Importer.trusted("demo"), properties.demo().password(), PlanImportService.Options.IMPORT);
    // The demo's administrator is also the demo county's coordinator: its coordinators' mail reaches admin.
    identitySync.ensureTenantMembership(result.regionId(), properties.admin().userId());
    // The plan's 县纪委监委 contact conducts the interviews in the demo.
    plan.units().stream().filter(u -> u.name().equals(DISCIPLINE_COMMISSION)).findFirst().ifPresent(u ->
        identitySync.ensureMembership(u.id(), properties.escalation().interviewGroup()));
    LOG.info("Demo plan {} imported with {} key tasks (dates moved from {} to {})", result.planId(),
        result.keyTasksStarted(), original.info().year(), currentYear);
  }
}

package org.campaigndesk.imports;

import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanPrincipals;
import org.campaigndesk.plan.PlanRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An installation from before counties: its plans become plans of the default region, their units
 * and leaders keep their ids (recorded as that region's, so the county's next plan finds them)
 * and join the region's tenant. Instances started before keep running without a tenant, visible
 * as before; everything started from now on belongs to the county.
 */
@Component
@Order(15)
public class LegacyPlanUpgrade implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(LegacyPlanUpgrade.class);

  private final PlanRepository repository;
  private final PlanPrincipals principals;
  private final IdentitySync identitySync;
  private final CampaignDeskProperties properties;

  public LegacyPlanUpgrade(PlanRepository repository, PlanPrincipals principals, IdentitySync identitySync,
      CampaignDeskProperties properties) {
    this.repository = repository;
    this.principals = principals;
    this.identitySync = identitySync;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    upgrade();
  }

  /** @return how many plans were placed in the default region */
  public int upgrade() {
    int placed = 0;
    for (PlanRepository.StoredPlan stored : repository.findAll()) {
      if (stored.regionId() != null) {
        continue;
      }
      CampaignDeskProperties.DefaultRegion fallback = properties.defaultRegion();
      if (!fallback.isSet()) {
        LOG.warn("Plan {} was imported before counties existed and has none; set campaign-desk.default-region to place it", stored.id());
        continue;
      }
      Plan.Region region = new Plan.Region(fallback.id(), fallback.name() == null ? fallback.id() : fallback.name());
      Plan plan = repository.load(stored.id()).withRegion(region);
      principals.adopt(region.id(), plan);
      identitySync.sync(plan, null);
      repository.placeLegacy(stored.id(), region.id());
      LOG.info("Plan {} placed in region {} ({}): its units and leaders keep their ids", stored.id(), region.id(), region.name());
      placed++;
    }
    return placed;
  }
}

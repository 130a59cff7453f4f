package org.campaigndesk.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.kernel.RegionTenants;
import java.util.Comparator;
import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.task.DueDates;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Starts a plan's {@code annual-plan} process, which runs its campaigns and its key tasks as children. */
@Component
public class AnnualPlanStarter {

  public static final String PROCESS_KEY = "annual-plan";
  public static final String KEY_TASK_NOS = "keyTaskNos";
  public static final String CAMPAIGN_IDS = "campaignIds";
  public static final String YEAR_END = "yearEnd";
  public static final String EARLIER_YEAR_ENDS = "earlierYearEnds";

  private final RuntimeService runtimeService;

  public AnnualPlanStarter(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  public void start(Plan plan, Instant importedAt) {
    // The plan year ends on 31 December, or with its last campaign when that runs into the next year.
    LocalDate yearEnd = plan.campaigns().stream().map(Plan.Campaign::end).max(Comparator.naturalOrder())
        .filter(end -> end.isAfter(LocalDate.of(plan.info().year(), 12, 31)))
        .orElse(LocalDate.of(plan.info().year(), 12, 31));
    Date yearEndAt = DueDates.endOfDay(yearEnd, plan.info().timezone());
    // A plan over several years closes each earlier year on its 31 December, still ahead at import.
    LocalDate today = LocalDate.ofInstant(importedAt, plan.info().timezone());
    List<String> earlierYearEnds = plan.info().years().stream().filter(y -> y < plan.info().year())
        .map(y -> LocalDate.of(y, 12, 31)).filter(d -> !d.isBefore(today))
        .map(d -> DueDates.endOfDay(d, plan.info().timezone()).toInstant().toString()).toList();
    runtimeService.startProcessInstanceByKey(PROCESS_KEY, plan.info().id(), Variables.createVariables()
        .putValue(RegionTenants.REGION_ID, plan.regionId())
        .putValueTyped(EARLIER_YEAR_ENDS, JsonLists.of(earlierYearEnds))
        .putValue(KeyTaskVariables.PLAN_ID, plan.info().id())
        .putValue(KeyTaskVariables.PLAN_TITLE, plan.info().title())
        .putValue(KeyTaskVariables.PLAN_TIMEZONE, plan.info().timezone().getId())
        .putValueTyped(KEY_TASK_NOS, JsonLists.of(plan.tasks().stream().map(t -> String.valueOf(t.no())).toList()))
        .putValueTyped(CAMPAIGN_IDS, JsonLists.of(plan.campaigns().stream()
            .sorted(Comparator.comparing(Plan.Campaign::start)).map(Plan.Campaign::id).toList()))
        .putValue(YEAR_END, yearEndAt)
        .putValueTyped(PlanFacts.VARIABLE, PlanFacts.of(plan).value()));
  }
}

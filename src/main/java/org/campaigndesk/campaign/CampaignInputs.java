package org.campaigndesk.campaign;

import static org.campaigndesk.campaign.CampaignVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.kernel.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.task.DueDates;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Input of the annual plan's call activity into {@code campaign}: one campaign of the plan, by its id. */
@Component("campaignInputs")
public class CampaignInputs implements DelegateVariableMapping {

  /** A campaign opens at the start of the first working hour of its first day. */
  static final java.time.LocalTime OPENING_TIME = java.time.LocalTime.of(8, 0);

  private final ObjectMapper json = Json.MAPPER;

  @Override
  public void mapInputVariables(DelegateExecution superExecution, VariableMap subVariables) {
    PlanFacts plan = PlanFacts.of(superExecution);
    String id = (String) superExecution.getVariable(CAMPAIGN_ID);
    List<Plan.Campaign> ordered = plan.campaigns().stream().sorted(Comparator.comparing(Plan.Campaign::start)).toList();
    int index = ordered.stream().map(Plan.Campaign::id).toList().indexOf(id);
    Plan.Campaign campaign = ordered.get(index);
    Map<String, String> units = plan.unitNames();

    ArrayNode items = json.createArrayNode();
    for (Plan.CampaignItem item : campaign.items()) {
      ObjectNode node = items.addObject().put("title", item.title());
      ArrayNode itemUnits = node.putArray("units");
      item.unitIds().forEach(u -> itemUnits.addObject().put("id", u).put("name", units.get(u)));
    }
    boolean last = index == ordered.size() - 1;
    // The half-year report follows the first campaign that reaches 30 June; the annual report the last one.
    LocalDate midYear = LocalDate.of(plan.year(), 6, 30);
    Plan.Campaign halfYear = ordered.stream().filter(c -> !c.end().isBefore(midYear)).findFirst().orElse(null);
    String reviewKind = last ? "年度工作总结" : campaign == halfYear ? "半年工作总结" : "阶段工作总结";
    subVariables.putValue(KeyTaskVariables.PLAN_ID, plan.planId())
        .putValue(KeyTaskVariables.PLAN_TITLE, plan.title())
        .putValue(KeyTaskVariables.PLAN_TIMEZONE, plan.timezone())
        .putValue(CAMPAIGN_ID, campaign.id())
        .putValue(CAMPAIGN_NAME, campaign.name())
        .putValue(CAMPAIGN_START, java.util.Date.from(campaign.start().atTime(OPENING_TIME).atZone(plan.zone()).toInstant()))
        .putValue(CAMPAIGN_END, DueDates.endOfDay(campaign.end(), plan.zone()))
        .putValue(CAMPAIGN_WINDOW_TEXT, ChineseDates.format(campaign.start()) + "至" + ChineseDates.format(campaign.end()))
        .putValueTyped(CAMPAIGN_ITEMS, SpinValues.jsonValue(items.toString()).create())
        .putValue(NEXT_CAMPAIGN_NAME, last ? null : ordered.get(index + 1).name())
        .putValue(REVIEW_KIND_LABEL, reviewKind);
  }

  @Override
  public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
    // What a campaign leaves behind is kept in the campaign instance and its history.
  }
}

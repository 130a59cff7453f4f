package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.kernel.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.campaigndesk.kernel.Clocks;
import org.springframework.stereotype.Component;

/**
 * Gives each unit's contribution task its own part of the implementation plan: the unit's name,
 * the sub-items it owns, and a due date at its latest sub-item (the key task's deadline if none).
 */
@Component("contributionTaskSetup")
public class ContributionTaskSetup implements TaskListener {

  private final ObjectMapper json = Json.MAPPER;
  private final DueDates dueDates;

  public ContributionTaskSetup(DueDates dueDates) {
    this.dueDates = dueDates;
  }

  @Override
  public void notify(DelegateTask task) {
    String unit = (String) task.getVariable(CONTRIBUTOR_UNIT);
    // Task-local, so that the units working in parallel do not overwrite each other's reports.
    task.setVariableLocal(CONTRIBUTION_REPORT, "");
    task.setVariableLocal(CONTRIBUTION_DATE, null);
    task.setVariableLocal(CONTRIBUTOR_UNIT_NAME, unitName(task, unit));
    List<SubItem> mine = subItemsOf(JsonVariables.text(task.getVariable(SUB_ITEMS)), unit);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < mine.size(); i++) {
      SubItem item = mine.get(i);
      text.append(i + 1).append(". ").append(item.content());
      if (item.dueDate() != null) {
        text.append("（").append(item.dueDate()).append("前完成）");
      }
      text.append('\n');
    }
    task.setVariableLocal(MY_SUB_ITEMS, text.isEmpty() ? "实施方案未给本单位分解具体任务，请按重点工作要求配合落实。" : text.toString().trim());
    Date due = mine.stream().map(SubItem::dueDate).filter(d -> d != null).max(Comparator.naturalOrder())
        .map(latest -> DueDates.endOfDay(latest, DueDates.zone(task)))
        .orElse((Date) task.getVariable(DEADLINE));
    // Work handed out after the key task's deadline has passed is not born overdue: it gets the usual time.
    task.setDueDate(due.before(Clocks.now()) ? dueDates.implementationPlan(task) : due);
  }

  private String unitName(DelegateTask task, String unit) {
    try {
      JsonNode names = json.readTree(JsonVariables.text(task.getVariable(UNIT_NAMES)));
      return names.path(unit).asText(unit);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return unit;
    }
  }

  List<SubItem> subItemsOf(String subItemsJson, String unit) {
    List<SubItem> items = new ArrayList<>();
    if (subItemsJson == null || subItemsJson.isBlank()) {
      return items;
    }
    try {
      for (JsonNode node : json.readTree(subItemsJson)) {
        if (unit.equals(node.path("ownerUnit").asText())) {
          items.add(new SubItem(node.path("content").asText(""), unit,
              ImplementationPlanRules.parseDate(node.path("dueDate").asText("")).orElse(null)));
        }
      }
    } catch (JsonProcessingException e) {
      return items;
    }
    return items;
  }
}

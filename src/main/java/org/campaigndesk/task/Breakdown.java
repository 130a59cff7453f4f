package org.campaigndesk.task;

import org.campaigndesk.kernel.KeyTaskVariables;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.kernel.Json;
import org.springframework.stereotype.Component;

/**
 * The implementation plan's accepted breakdown (任务表、时间表、职责表) as items, whichever way it
 * was submitted: the checked list the plan check keeps ({@code ownerUnit}) or a form's table rows
 * ({@code unitId}). Who gets a contribution task and what each task lists are read here only.
 */
@Component("breakdown")
public class Breakdown {

  public List<SubItem> items(VariableScope scope) {
    return parse(JsonVariables.text(scope.getVariable(KeyTaskVariables.SUB_ITEMS)));
  }

  public static List<SubItem> parse(String json) {
    List<SubItem> items = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return items;
    }
    try {
      JsonNode root = Json.MAPPER.readTree(json);
      if (root == null || !root.isArray()) {
        return items;
      }
      for (JsonNode node : root) {
        String unit = node.hasNonNull("ownerUnit") ? node.path("ownerUnit").asText() : node.path("unitId").asText("");
        items.add(new SubItem(node.path("content").asText(""), unit.trim(),
            ImplementationPlanRules.parseDate(node.path("dueDate").asText("")).orElse(null)));
      }
    } catch (JsonProcessingException e) {
      return items;
    }
    return items;
  }

  /** The units the breakdown names, in the order they first appear. */
  public List<String> namedUnits(VariableScope scope) {
    return items(scope).stream().map(SubItem::ownerUnit).filter(u -> !u.isEmpty()).distinct().toList();
  }
}

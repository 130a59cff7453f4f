package org.campaigndesk.task;

import org.campaigndesk.kernel.ShownLines;
import org.campaigndesk.kernel.KeyTaskVariables;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.CurrentUser;
import org.campaigndesk.kernel.Json;
import org.springframework.stereotype.Component;

/**
 * The state of a key task's contributions, kept on the key task so the completion request and the
 * acceptance can list them, open ones included (the lead unit may ask for completion before every
 * unit has answered):
 * <ul>
 *   <li>{@value #CONTRIBUTIONS}: JSON list, one entry per contribution task: unitId, unitName,
 *       items [{content, dueDate}], dueDate, status ({@code open}/{@code done}), taskId, and once
 *       done report, reportDate, submittedAt (ISO instant), submittedBy (user id);</li>
 *   <li>{@value #OPEN_CONTRIBUTIONS_TEXT}: the open ones as text, one line per unit ("无" when none);</li>
 *   <li>{@value #INFORMED_UNIT_IDS} / {@value #INFORMED_UNIT_NAMES}: units informed (知会) without a task.</li>
 * </ul>
 */
@Component("keyTaskContributions")
public class Contributions {

  public static final String CONTRIBUTIONS = "contributions";
  public static final String OPEN_CONTRIBUTIONS_TEXT = "openContributionsText";
  public static final String OPEN_CONTRIBUTIONS_COUNT = "openContributionsCount";
  public static final String INFORMED_UNIT_IDS = "informedUnitIds";
  public static final String INFORMED_UNIT_NAMES = "informedUnitNames";

  /** One contribution as the completion request and acceptance list it. */
  public record Contribution(String unitId, String unitName, List<SubItem> items, LocalDate dueDate, String status,
      String taskId, String report, String submittedAt, String submittedBy) {

    public boolean open() {
      return "open".equals(status);
    }
  }

  private final IdentityService identityService;

  public Contributions(IdentityService identityService) {
    this.identityService = identityService;
  }

  /** A contribution task was created: its unit's entry is (re)opened. */
  void opened(DelegateTask task, String unitId, String unitName, List<SubItem> items, LocalDate due) {
    ArrayNode all = read(task);
    ObjectNode entry = entryOf(all, unitId);
    entry.put("unitId", unitId).put("unitName", unitName);
    ArrayNode itemNodes = entry.putArray("items");
    items.forEach(i -> itemNodes.addObject().put("content", i.content()).put("dueDate", i.dueDate() == null ? null : i.dueDate().toString()));
    entry.put("dueDate", due == null ? null : due.toString()).put("status", "open").put("taskId", task.getId());
    write(task.getExecution(), all);
  }

  /** Complete listener of a contribution task: its entry becomes done, with the report. */
  public void submitted(DelegateTask task) {
    String unitId = (String) task.getVariable(KeyTaskVariables.CONTRIBUTOR_UNIT);
    ArrayNode all = read(task);
    ObjectNode entry = entryOf(all, unitId);
    Object report = TaskVariables.submitted(task, KeyTaskVariables.CONTRIBUTION_REPORT);
    Object date = TaskVariables.submitted(task, KeyTaskVariables.CONTRIBUTION_DATE);
    String user = CurrentUser.of(identityService);
    entry.put("status", "done").put("taskId", task.getId())
        .put("report", report == null ? "" : report.toString())
        .put("reportDate", date == null ? null : date.toString())
        .put("submittedAt", Clocks.instant().toString())
        .put("submittedBy", user != null ? user : task.getAssignee());
    write(task.getExecution(), all);
  }

  /** The contributions of a key task (any scope of it), in the order their tasks were created. */
  public static List<Contribution> of(VariableScope scope) {
    return parse(JsonVariables.text(scope.getVariable(CONTRIBUTIONS)));
  }

  public static List<Contribution> parse(String json) {
    List<Contribution> list = new ArrayList<>();
    if (json == null || json.isBlank()) {
      return list;
    }
    try {
      for (JsonNode n : Json.MAPPER.readTree(json)) {
        List<SubItem> items = new ArrayList<>();
        n.path("items").forEach(i -> items.add(new SubItem(i.path("content").asText(""), n.path("unitId").asText(),
            ImplementationPlanRules.parseDate(i.path("dueDate").asText("")).orElse(null))));
        list.add(new Contribution(n.path("unitId").asText(), n.path("unitName").asText(), items,
            ImplementationPlanRules.parseDate(n.path("dueDate").asText("")).orElse(null), n.path("status").asText(),
            n.path("taskId").asText(null), n.path("report").asText(null), n.path("submittedAt").asText(null),
            n.path("submittedBy").asText(null)));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("key task variable contributions is not JSON", e);
    }
    return list;
  }

  private static ArrayNode read(DelegateTask task) {
    String text = JsonVariables.text(task.getVariable(CONTRIBUTIONS));
    try {
      JsonNode node = text == null || text.isBlank() ? null : Json.MAPPER.readTree(text);
      return node instanceof ArrayNode array ? array : Json.MAPPER.createArrayNode();
    } catch (JsonProcessingException e) {
      return Json.MAPPER.createArrayNode();
    }
  }

  private static ObjectNode entryOf(ArrayNode all, String unitId) {
    for (JsonNode n : all) {
      if (unitId.equals(n.path("unitId").asText())) {
        return (ObjectNode) n;
      }
    }
    return all.addObject().put("unitId", unitId);
  }

  /** Written on the key-task instance itself, where the completion request and the acceptance read it. */
  private static void write(DelegateExecution anywhere, ArrayNode all) {
    DelegateExecution instance = anywhere.getProcessInstance();
    instance.setVariableLocal(CONTRIBUTIONS, SpinValues.jsonValue(all.toString()).create());
    List<String> open = new ArrayList<>();
    for (JsonNode n : all) {
      if ("open".equals(n.path("status").asText())) {
        String due = n.path("dueDate").isNull() ? "" : "（" + n.path("dueDate").asText() + "前）";
        open.add(n.path("unitName").asText() + due);
      }
    }
    instance.setVariableLocal(OPEN_CONTRIBUTIONS_COUNT, open.size());
    instance.setVariableLocal(OPEN_CONTRIBUTIONS_TEXT, open.isEmpty() ? "无" : ShownLines.of(open));
  }
}

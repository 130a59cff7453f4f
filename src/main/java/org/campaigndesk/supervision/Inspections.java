package org.campaigndesk.supervision;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.kernel.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.task.DueDates;
import org.campaigndesk.task.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * The monthly inspection (督查): when it happens, its task, and the problem list it records, from
 * which one rectification starts per problem.
 */
@Component("inspections")
public class Inspections {

  public static final String PROBLEMS_TEXT = "problemsText";
  public static final String PROBLEMS = "problems";
  public static final String INSPECTION_MONTH_LABEL = "inspectionMonthLabel";
  /** The inspection form's choices: the plan's units (id → name) and key tasks (number → label). */
  public static final String PLAN_UNIT_NAMES = "planUnitNames";
  public static final String KEY_TASK_OPTIONS = "keyTaskOptions";

  private final ObjectMapper json = Json.MAPPER;

  /** From the first of next month, once a month, in the plan's time zone. */
  public String cycle(VariableScope scope) {
    return DueDates.monthlyCycle(scope, 1, 9);
  }

  /** Execution listener at the start of an inspection: the month it covers and when it is due. */
  public void open(DelegateExecution execution) {
    ZoneId zone = DueDates.zone(execution);
    YearMonth month = YearMonth.from(DueDates.today(zone));
    execution.setVariable(INSPECTION_MONTH_LABEL, ChineseDates.format(month));
    execution.setVariable("inspectionDue", DueDates.endOfDay(month.atEndOfMonth(), zone));
  }

  /**
   * Create listener of the inspection task: what its form's table offers, the plan's units
   * (id → name) and key tasks (number → label), kept on the task.
   */
  public void setUpForm(DelegateTask task) {
    PlanFacts plan = PlanFacts.of(task);
    ObjectNode units = json.createObjectNode();
    plan.units().forEach(u -> units.put(u.id(), u.name()));
    ObjectNode keyTasks = json.createObjectNode();
    plan.keyTasks().forEach(t -> keyTasks.put(String.valueOf(t.no()), t.label()));
    task.setVariableLocal(PLAN_UNIT_NAMES, SpinValues.jsonValue(units.toString()).create());
    task.setVariableLocal(KEY_TASK_OPTIONS, SpinValues.jsonValue(keyTasks.toString()).create());
  }

  /**
   * Complete listener of the inspection task: the problem list must read cleanly before it is
   * accepted. The form's table (problems) is read, or the older form's text (problemsText) for
   * inspections whose task still shows that form.
   */
  public void recordProblems(DelegateTask task) {
    PlanFacts plan = PlanFacts.of(task);
    Map<String, String> units = plan.unitNames();
    Map<String, String> aliases = new LinkedHashMap<>();
    plan.units().forEach(u -> u.aliases().forEach(alias -> aliases.put(alias, u.id())));
    Set<Integer> keyTasks = plan.keyTasks().stream().map(PlanFacts.KeyTask::no).collect(java.util.stream.Collectors.toSet());
    LocalDate today = DueDates.today(DueDates.zone(task));
    Object text = task.getVariable(PROBLEMS_TEXT);
    ProblemList.Result result = text != null && !text.toString().isBlank()
        ? ProblemList.read(text.toString(), units, aliases, keyTasks, today)
        : ProblemList.readRows(JsonVariables.text(task.getVariable(PROBLEMS)), units, aliases, keyTasks, today);
    if (!result.errors().isEmpty()) {
      throw new ProcessEngineException("问题清单未通过检查：" + String.join("；", result.errors()));
    }
    ArrayNode array = json.createArrayNode();
    for (Problem p : result.problems()) {
      array.addObject().put("description", p.description()).put("unitId", p.unitId())
          .put("deadline", p.deadline().toString()).put("keyTaskNo", p.keyTaskNo());
    }
    task.getExecution().setVariable(PROBLEMS, SpinValues.jsonValue(array.toString()).create());
  }

  public List<String> problemIndexes(VariableScope scope) {
    Object problems = scope.getVariable(PROBLEMS);
    if (problems == null) {
      return List.of();
    }
    try {
      int size = json.readTree(JsonVariables.text(problems)).size();
      return IntStream.range(0, size).mapToObj(String::valueOf).toList();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("problems is not JSON", e);
    }
  }
}

package org.campaigndesk.supervision;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.kernel.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
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

  /** Complete listener of the inspection task: the problem list must read cleanly before it is accepted. */
  public void recordProblems(DelegateTask task) {
    PlanFacts plan = PlanFacts.of(task);
    Map<String, String> units = plan.unitNames();
    Map<String, String> aliases = new LinkedHashMap<>();
    plan.units().forEach(u -> u.aliases().forEach(alias -> aliases.put(alias, u.id())));
    Set<Integer> keyTasks = plan.keyTasks().stream().map(PlanFacts.KeyTask::no).collect(java.util.stream.Collectors.toSet());
    Object text = task.getVariable(PROBLEMS_TEXT);
    ProblemList.Result result = ProblemList.read(text == null ? "" : text.toString(), units, aliases, keyTasks,
        DueDates.today(DueDates.zone(task)));
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

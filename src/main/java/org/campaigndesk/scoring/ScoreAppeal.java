package org.campaigndesk.scoring;

import org.campaigndesk.kernel.Json;
import org.campaigndesk.kernel.JsonLists;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.campaigndesk.kernel.Decisions;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.ShownLines;
import org.springframework.stereotype.Component;

/**
 * A unit's appeal (申诉) against lines of its quarterly score, and the coordinator's decision: what
 * the unit sees, the server-side checks of both forms (the forms' own checks can be bypassed over
 * REST), and the lines marked appealed.
 */
@Component("scoreAppeal")
public class ScoreAppeal {

  public static final String APPEAL_UNIT = "appealUnit";
  public static final String APPEAL_UNIT_NAME = "appealUnitName";
  public static final String APPEAL_CHOICE = "appealChoice";
  public static final String APPEAL_LINE_IDS = "appealLineIds";
  /**
   * The unit's lines it may still appeal, line id → the line as the score list shows it (a JSON
   * object): the appeal form's check boxes, so the unit ticks lines instead of typing their numbers.
   */
  public static final String APPEAL_LINE_CHOICES = "appealLineChoices";
  public static final String APPEAL_REASON = "appealReason";
  public static final String APPEAL_FILES_NOTE = "appealFilesNote";
  public static final String APPEALED_LINES_TEXT = "appealedLinesText";
  public static final String APPEAL_DECISION = "appealDecision";
  public static final String APPEAL_DECISION_REASON = "appealDecisionReason";
  public static final String MY_SCORE_LINES_TEXT = "myScoreLinesText";
  /** Who decided the appeal: the coordinator holding the decision task. */
  public static final String APPEAL_DECIDED_BY = "appealDecidedBy";

  private final ScoreRepository scores;

  public ScoreAppeal(ScoreRepository scores) {
    this.scores = scores;
  }

  /** Start of one unit's appeal scope: what it sees, and the (empty) fields both forms fill in. */
  public void open(DelegateExecution scope) {
    String unitId = (String) scope.getVariable(APPEAL_UNIT);
    String planId = (String) scope.getVariable(KeyTaskVariables.PLAN_ID);
    List<ScoreLine> own = scores.quarter(planId, (String) scope.getVariable(Scoring.QUARTER)).stream()
        .filter(l -> l.unitId().equals(unitId)).toList();
    int total = own.stream().filter(ScoreLine::counts).mapToInt(ScoreLine::points).sum();
    scope.setVariableLocal(APPEAL_UNIT_NAME, PlanFacts.of(scope).unitName(unitId));
    List<String> shown = new ArrayList<>();
    shown.add("本季度合计：" + (total > 0 ? "+" : "") + total + "分");
    own.stream().map(QuarterScoring::render).forEach(shown::add);
    scope.setVariableLocal(MY_SCORE_LINES_TEXT, ShownLines.of(shown));
    Map<String, String> choices = new java.util.LinkedHashMap<>();
    own.stream().filter(l -> ScoreLine.ACTIVE.equals(l.status())).forEach(l -> choices.put(String.valueOf(l.id()), QuarterScoring.render(l)));
    scope.setVariableLocal(APPEAL_LINE_CHOICES, Json.variable(choices));
    for (String field : List.of(APPEAL_CHOICE, APPEAL_LINE_IDS, APPEAL_REASON, APPEAL_FILES_NOTE, APPEALED_LINES_TEXT,
        APPEAL_DECISION, APPEAL_DECISION_REASON, APPEAL_DECIDED_BY)) {
      scope.setVariableLocal(field, "");
    }
  }

  public void name(DelegateTask task, String what) {
    task.setName("【" + task.getVariable(Scoring.QUARTER_LABEL) + "】" + what + " · " + task.getVariable(APPEAL_UNIT_NAME));
  }

  /** Complete listener of the unit's task: no appeal, or an appeal naming its own lines with a reason. */
  public void check(DelegateTask task) {
    Object choice = task.getVariable(APPEAL_CHOICE);
    if ("none".equals(choice)) {
      return;
    }
    if (!"appeal".equals(choice)) {
      throw new ProcessEngineException("得分核对未通过检查：请选择“无异议”或“申诉”");
    }
    List<String> problems = new ArrayList<>();
    Set<Long> ids = new LinkedHashSet<>();
    String idsText = String.valueOf(task.getVariable(APPEAL_LINE_IDS));
    for (String part : idsText.split("[,，、;；\\s]+")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        ids.add(Long.parseLong(part.trim().replace("[", "").replace("]", "").replace("\"", "")));
      } catch (NumberFormatException e) {
        problems.add("申诉条目编号：'" + part + "' 不是编号");
      }
    }
    String unitId = (String) task.getVariable(APPEAL_UNIT);
    String quarter = (String) task.getVariable(Scoring.QUARTER);
    String planId = (String) task.getVariable(KeyTaskVariables.PLAN_ID);
    Map<Long, ScoreLine> lines = scores.byIds(ids).stream().collect(Collectors.toMap(ScoreLine::id, Function.identity()));
    if (ids.isEmpty() && problems.isEmpty()) {
      problems.add("申诉条目编号：请填写要申诉的条目编号（得分明细中方括号内的数字）");
    }
    for (Long id : ids) {
      ScoreLine line = lines.get(id);
      if (line == null || !line.unitId().equals(unitId) || !line.quarter().equals(quarter) || !line.planId().equals(planId)) {
        problems.add("申诉条目编号：" + id + " 不是本单位本季度的得分条目");
      } else if (!ScoreLine.ACTIVE.equals(line.status())) {
        problems.add("申诉条目编号：" + id + " 已申诉过");
      }
    }
    Object reason = task.getVariable(APPEAL_REASON);
    if (reason == null || reason.toString().isBlank()) {
      problems.add("申诉理由：不能为空");
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("申诉未通过检查：" + String.join("；", problems));
    }
    Object files = task.getVariable(APPEAL_FILES_NOTE);
    String recorded = reason.toString().trim() + (files == null || files.toString().isBlank() ? "" : "（佐证材料：" + files.toString().trim() + "）");
    scores.markAppealed(ids, recorded);
    task.setVariable(APPEAL_LINE_IDS, JsonLists.of(ids.stream().map(String::valueOf).toList()));
    task.setVariable(APPEALED_LINES_TEXT, ShownLines.of(ids.stream().map(lines::get).map(QuarterScoring::render).toList()));
  }

  /** Complete listener of the coordinator's decision: approve or refuse the appeal, with a reason either way. */
  public void checkDecision(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    Object decision = task.getVariable(APPEAL_DECISION);
    if (!Decisions.APPROVE.equals(decision) && !Decisions.REFUSE.equals(decision)) {
      problems.add("审核结果：请选择“申诉成立”或“申诉不成立”");
    }
    Object reason = task.getVariable(APPEAL_DECISION_REASON);
    if (reason == null || reason.toString().isBlank()) {
      problems.add("审核意见：不能为空，申诉单位将看到");
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("申诉审核未通过检查：" + String.join("；", problems));
    }
    task.setVariable(APPEAL_DECIDED_BY, task.getAssignee() == null ? "" : task.getAssignee());
  }

  static List<Long> lineIds(Object csv) {
    return JsonLists.read(csv).stream().map(Long::valueOf).toList();
  }
}

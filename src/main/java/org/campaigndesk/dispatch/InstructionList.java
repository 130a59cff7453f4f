package org.campaigndesk.dispatch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.campaigndesk.kernel.Json;
import org.campaigndesk.task.ImplementationPlanRules;
import org.campaigndesk.task.JsonVariables;

/**
 * Reads the instructions a lead leader gives at his dispatch meeting. Tasklist's form sends them as
 * a table, a JSON list of rows {taskNo (one of his key tasks), text, dueDate (YYYY-MM-DD, may be
 * empty: the follow-up then has the usual 10 days)}, numbered as the form shows them; the older
 * form's text, one line "重点工作编号｜调度意见" each, is still read for meetings started before.
 * Plain Java, so the rules are tested without the engine; messages are Chinese because Tasklist
 * shows them to the leader.
 */
public final class InstructionList {

  /** One instruction: the key task it concerns, what to do, and by when (null: the usual time). */
  public record Instruction(int taskNo, String text, LocalDate dueDate) {

    /**
     * As the dispatch keeps it, the one record of it (typed JSON, one follow-up each): the key task,
     * what to do, by when if set, who gave it and in which month's dispatch.
     */
    public ObjectNode json(String leaderName, String month) {
      ObjectNode node = Json.MAPPER.createObjectNode().put(TASK_NO, taskNo).put(TEXT, text);
      if (dueDate != null) {
        node.put(DUE_DATE, dueDate.toString());
      }
      return node.put(LEADER_NAME, leaderName).put(MONTH, month);
    }
  }

  public record Result(List<Instruction> instructions, List<String> errors) {

    /** The accepted instructions as the meeting keeps them: a JSON list, one follow-up each. */
    public String json(String leaderName, String month) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      instructions.forEach(i -> array.add(i.json(leaderName, month)));
      return array.toString();
    }
  }

  static final String TASK_NO = "taskNo";
  static final String TEXT = "text";
  static final String DUE_DATE = "dueDate";
  static final String LEADER_NAME = "leaderName";
  static final String MONTH = "month";

  private static final Pattern SEPARATOR = Pattern.compile("\\s*[|｜\\t]\\s*");

  private InstructionList() {}

  /** @param leading the numbers of the key tasks the leader leads */
  public static Result read(String text, Set<Integer> leading) {
    List<Instruction> instructions = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String at = "调度意见第" + (i + 1) + "行";
      String[] parts = SEPARATOR.split(lines[i].trim(), 2);
      if (parts.length != 2 || parts[1].isBlank()) {
        errors.add(at + "：应为“重点工作编号｜调度意见”");
        continue;
      }
      Integer no = number(parts[0].trim());
      if (no == null || !leading.contains(no)) {
        errors.add(at + "：'" + parts[0].trim() + "' 不是本人牵头的重点工作编号");
        continue;
      }
      instructions.add(new Instruction(no, parts[1].trim(), null));
    }
    return new Result(errors.isEmpty() ? instructions : List.of(), errors);
  }

  /** The form's table; each fault names its row and column. */
  public static Result readRows(String json, Set<Integer> leading, LocalDate today) {
    List<Map<String, String>> rows = JsonVariables.tableRows(json, "taskNo", "text", "dueDate");
    if (rows == null) {
      return new Result(List.of(), List.of("调度意见：内容无法识别（应为表格的行）"));
    }
    List<Instruction> instructions = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      if (JsonVariables.blank(row)) {
        continue; // a row the form left blank: no instruction there
      }
      String taskNo = row.get("taskNo");
      String text = row.get("text");
      String dueText = row.get("dueDate");
      String at = "调度意见第" + (i + 1) + "行";
      Integer no = number(taskNo);
      if (taskNo.isEmpty()) {
        errors.add(at + "·重点工作：不能为空");
      } else if (no == null || !leading.contains(no)) {
        errors.add(at + "·重点工作：'" + taskNo + "' 不是本人牵头的重点工作编号");
      }
      if (text.isEmpty()) {
        errors.add(at + "·调度意见：不能为空");
      }
      LocalDate due = ImplementationPlanRules.parseDate(dueText).orElse(null);
      if (!dueText.isEmpty() && due == null) {
        errors.add(at + "·落实期限：'" + dueText + "' 不是日期（YYYY-MM-DD）");
      } else if (due != null && due.isBefore(today)) {
        errors.add(at + "·落实期限：" + due + " 已经过去");
      }
      if (no != null) {
        instructions.add(new Instruction(no, text, due));
      }
    }
    return new Result(errors.isEmpty() ? instructions : List.of(), errors);
  }

  private static Integer number(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

}

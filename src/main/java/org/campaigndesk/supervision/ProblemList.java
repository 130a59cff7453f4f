package org.campaigndesk.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.campaigndesk.plan.UnitReferences;
import org.campaigndesk.task.ImplementationPlanRules;
import org.campaigndesk.task.JsonVariables;

/**
 * Reads the problem list an inspection records. Tasklist's form sends it as a table, a JSON list of
 * rows {description, unitId, deadline (YYYY-MM-DD), keyTaskNo (may be empty)}, numbered as the form
 * shows them; the older form's text, one problem per line "问题｜责任单位｜整改期限｜相关重点工作编号
 * （可空）", is still read for inspections started before. Plain Java, so the rules are tested without
 * the engine; messages are Chinese because Tasklist shows them to the inspection team.
 */
public final class ProblemList {

  public record Result(List<Problem> problems, List<String> errors) {}

  private static final Pattern SEPARATOR = Pattern.compile("\\s*[|｜\\t]\\s*");

  private ProblemList() {}

  /**
   * @param units id → name of the plan's units; a line may name its unit by either
   * @param keyTaskNos the plan's key task numbers
   */
  public static Result read(String text, Map<String, String> units, Set<Integer> keyTaskNos, LocalDate today) {
    return read(text, units, Map.of(), keyTaskNos, today);
  }

  /** @param aliases other spellings of unit names from the plan file, alias → unit id */
  public static Result read(String text, Map<String, String> units, Map<String, String> aliases, Set<Integer> keyTaskNos,
      LocalDate today) {
    List<Problem> problems = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      String at = "问题清单第" + (i + 1) + "行";
      String[] parts = SEPARATOR.split(lines[i].trim(), -1);
      if (parts.length < 3 || parts.length > 4) {
        errors.add(at + "：应为“问题｜责任单位｜整改期限｜相关重点工作编号”，用“｜”分隔，编号可空");
        continue;
      }
      problems.add(row(at, parts[0].trim(), parts[1].trim(), parts[2].trim(), parts.length == 4 ? parts[3].trim() : "",
          units, aliases, keyTaskNos, today, errors));
    }
    return result(problems, errors);
  }

  /**
   * The form's table: a JSON list of rows. A row names its unit by id (the form's choice), or by
   * name or alias as API clients may.
   */
  public static Result readRows(String json, Map<String, String> units, Map<String, String> aliases, Set<Integer> keyTaskNos,
      LocalDate today) {
    List<Map<String, String>> rows = JsonVariables.tableRows(json, "description", "unitId", "deadline", "keyTaskNo");
    if (rows == null) {
      return new Result(List.of(), List.of("问题清单：内容无法识别（应为表格的行）"));
    }
    List<Problem> problems = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Map<String, String> row = rows.get(i);
      if (JsonVariables.blank(row)) {
        continue; // a row the form left blank: no problem listed there
      }
      problems.add(row("问题清单第" + (i + 1) + "行", row.get("description"), row.get("unitId"), row.get("deadline"),
          row.get("keyTaskNo"), units, aliases, keyTaskNos, today, errors));
    }
    return result(problems, errors);
  }

  /** One problem's checks, the same for a line and for a table row; each fault names the row and the column. */
  private static Problem row(String at, String description, String unit, String deadlineText, String keyTaskText,
      Map<String, String> units, Map<String, String> aliases, Set<Integer> keyTaskNos, LocalDate today, List<String> errors) {
    if (description.isEmpty()) {
      errors.add(at + "·问题：不能为空");
    }
    String unitId = unit.isEmpty() ? null : UnitReferences.resolve(unit, units, aliases).orElse(null);
    if (unit.isEmpty()) {
      errors.add(at + "·责任单位：不能为空");
    } else if (unitId == null) {
      errors.add(at + "·责任单位：'" + unit + "' 不是本计划的单位");
    }
    LocalDate deadline = ImplementationPlanRules.parseDate(deadlineText).orElse(null);
    if (deadlineText.isEmpty()) {
      errors.add(at + "·整改期限：不能为空");
    } else if (deadline == null) {
      errors.add(at + "·整改期限：'" + deadlineText + "' 不是日期（YYYY-MM-DD）");
    } else if (deadline.isBefore(today)) {
      errors.add(at + "·整改期限：" + deadline + " 已经过去");
    }
    Integer keyTaskNo = null;
    if (!keyTaskText.isEmpty()) {
      try {
        keyTaskNo = Integer.valueOf(keyTaskText);
        if (!keyTaskNos.contains(keyTaskNo)) {
          errors.add(at + "·相关重点工作：没有编号为 " + keyTaskNo + " 的重点工作");
        }
      } catch (NumberFormatException e) {
        errors.add(at + "·相关重点工作：'" + keyTaskText + "' 不是编号（如 3）");
      }
    }
    return new Problem(description, unitId, deadline, keyTaskNo);
  }

  /** All problems, or none while any of them has a fault: the list is taken whole or not at all. */
  private static Result result(List<Problem> problems, List<String> errors) {
    return new Result(errors.isEmpty() ? problems : List.of(), errors);
  }

}

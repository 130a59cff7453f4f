package org.campaigndesk.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.kernel.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.campaigndesk.plan.UnitReferences;

/**
 * Reads and checks the breakdown a lead unit submits with its implementation plan (任务表、时间表、
 * 职责表). Tasklist's form sends it as a table, a JSON list of rows {ownerUnit (unit id), content,
 * dueDate (YYYY-MM-DD)}, its rows numbered as the form shows them; the older form's (and API
 * clients') text, one line per item "责任单位｜工作内容｜完成日期", is still read for key tasks
 * started before. Plain Java, so the rules are tested without the engine; messages are
 * Chinese because Tasklist shows them to the unit.
 */
public final class ImplementationPlanRules {

  /** Every problem found; an empty list means the breakdown is accepted. */
  public record Result(List<SubItem> items, List<String> problems) {

    public String itemsJson() {
      ArrayNode array = JSON.createArrayNode();
      items.forEach(i -> array.addObject().put("ownerUnit", i.ownerUnit()).put("content", i.content())
          .put("dueDate", i.dueDate() == null ? null : i.dueDate().toString()));
      return array.toString();
    }
  }

  private static final ObjectMapper JSON = Json.MAPPER;
  private static final Pattern SEPARATOR = Pattern.compile("\\s*[|｜\\t]\\s*");

  private ImplementationPlanRules() {}

  /**
   * @param unitNames the units that may own an item (lead and responsible units), id → name; a
   *     line may name its unit by either
   * @param deadline the key task's deadline: items must end by then, unless it has already passed
   */
  public static Result checkLines(String text, Map<String, String> unitNames, LocalDate today, LocalDate deadline) {
    return checkLines(text, unitNames, Map.of(), today, deadline);
  }

  /** @param aliases other spellings of unit names (from the plan file), alias → unit id */
  public static Result checkLines(String text, Map<String, String> unitNames, Map<String, String> aliases, LocalDate today,
      LocalDate deadline) {
    List<String[]> rows = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = text == null ? new String[0] : text.split("\\R");
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String[] parts = SEPARATOR.split(line.trim(), -1);
      if (parts.length != 3) {
        problems.add("任务分解第" + lineNo + "行：应为“责任单位｜工作内容｜完成日期”三项，用“｜”分隔");
        rows.add(null);
        continue;
      }
      String owner = parts[0].trim();
      String ownerId = UnitReferences.resolve(owner, unitNames, aliases).orElse(owner);
      rows.add(new String[] {parts[1].trim(), ownerId, parts[2].trim(), "第" + lineNo + "行", owner});
    }
    return check(rows, problems, unitNames, today, deadline);
  }

  public static Result checkJson(String json, Map<String, String> unitNames, LocalDate today, LocalDate deadline) {
    List<Map<String, String>> table = JsonVariables.tableRows(json, "ownerUnit", "unitId", "content", "dueDate");
    if (table == null) {
      return new Result(List.of(), List.of("任务分解：内容无法识别（应为列表）"));
    }
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < table.size(); i++) {
      Map<String, String> row = table.get(i);
      // The checked list keeps ownerUnit; a form's table rows name the unit as unitId.
      String owner = row.get("ownerUnit").isEmpty() ? row.get("unitId") : row.get("ownerUnit");
      rows.add(new String[] {row.get("content"), owner, row.get("dueDate"), "第" + (i + 1) + "行", owner});
    }
    return check(rows, new ArrayList<>(), unitNames, today, deadline);
  }

  private static Result check(List<String[]> rows, List<String> problems, Map<String, String> unitNames,
      LocalDate today, LocalDate deadline) {
    List<SubItem> items = new ArrayList<>();
    if (rows.isEmpty()) {
      problems.add("任务分解：至少填写一项（责任单位｜工作内容｜完成日期）");
    }
    for (String[] row : rows) {
      if (row == null) {
        continue;
      }
      String at = "任务分解" + row[3];
      String content = row[0];
      String ownerId = row[1];
      if (content.isEmpty()) {
        problems.add(at + "·工作内容：不能为空");
      }
      if (row[4].isEmpty()) {
        problems.add(at + "·责任单位：不能为空");
      } else if (!unitNames.containsKey(ownerId)) {
        problems.add(at + "·责任单位：'" + row[4] + "' 不是本项重点工作的牵头或责任单位");
      }
      LocalDate due = parseDate(row[2]).orElse(null);
      if (row[2].isEmpty()) {
        problems.add(at + "·完成日期：不能为空");
      } else if (due == null) {
        problems.add(at + "·完成日期：'" + row[2] + "' 不是日期（YYYY-MM-DD）");
      } else if (due.isBefore(today)) {
        problems.add(at + "·完成日期：" + due + " 已经过去");
      } else if (deadline != null && !deadline.isBefore(today) && due.isAfter(deadline)) {
        problems.add(at + "·完成日期：" + due + " 晚于本项工作的完成时限 " + deadline);
      }
      items.add(new SubItem(content, ownerId, due));
    }
    return new Result(items, problems);
  }

  /** Dates as forms and people write them: 2026-05-01, 2026/5/1; a datetime keeps only its date. */
  public static Optional<LocalDate> parseDate(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String[] parts = text.trim().replaceFirst("[T ].*$", "").split("[-/.]");
    try {
      return parts.length == 3
          ? Optional.of(LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])))
          : Optional.empty();
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}

package org.campaigndesk.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks the breakdown a lead unit submits with its implementation plan. Plain Java, so the rules
 * are tested without the engine; messages are Chinese because Tasklist shows them to the unit.
 */
public final class ImplementationPlanRules {

  /** Every problem found; an empty list means the breakdown is accepted. */
  public record Result(List<SubItem> items, List<String> problems) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private ImplementationPlanRules() {}

  public static Result check(String json, Collection<String> allowedUnits, LocalDate today, LocalDate deadline) {
    List<SubItem> items = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = json == null || json.isBlank() ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return new Result(items, List.of("任务分解：内容无法识别（应为列表）"));
    }
    if (root == null || !root.isArray() || root.isEmpty()) {
      return new Result(items, List.of("任务分解：至少填写一项（工作内容、责任单位、完成日期）"));
    }
    for (int i = 0; i < root.size(); i++) {
      String row = "任务分解第" + (i + 1) + "项";
      JsonNode node = root.get(i);
      String content = text(node, "content");
      String owner = text(node, "ownerUnit");
      String dateText = text(node, "dueDate");
      if (content.isEmpty()) {
        problems.add(row + "·工作内容：不能为空");
      }
      if (owner.isEmpty()) {
        problems.add(row + "·责任单位：不能为空");
      } else if (!allowedUnits.contains(owner)) {
        problems.add(row + "·责任单位：'" + owner + "' 不是本项重点工作的牵头或责任单位");
      }
      LocalDate due = null;
      if (dateText.isEmpty()) {
        problems.add(row + "·完成日期：不能为空");
      } else {
        try {
          // Form date fields submit YYYY-MM-DD; a datetime value keeps only its date part.
          due = LocalDate.parse(dateText.length() > 10 ? dateText.substring(0, 10) : dateText);
          if (due.isBefore(today)) {
            problems.add(row + "·完成日期：" + due + " 已经过去");
          } else if (deadline != null && due.isAfter(deadline)) {
            problems.add(row + "·完成日期：" + due + " 晚于本项工作的完成时限 " + deadline);
          }
        } catch (DateTimeParseException e) {
          problems.add(row + "·完成日期：'" + dateText + "' 不是日期（YYYY-MM-DD）");
        }
      }
      items.add(new SubItem(content, owner, due));
    }
    return new Result(items, problems);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? "" : value.asText().trim();
  }
}

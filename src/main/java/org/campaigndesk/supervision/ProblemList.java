package org.campaigndesk.supervision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.campaigndesk.plan.UnitReferences;
import org.campaigndesk.task.ImplementationPlanRules;

/**
 * Reads the problem list an inspection records, one problem per line:
 * "问题｜责任单位｜整改期限｜相关重点工作编号（可空）". Plain Java, so the rules are tested without the
 * engine; messages are Chinese because Tasklist shows them to the inspection team.
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
      String description = parts[0].trim();
      String unit = parts[1].trim();
      String unitId = UnitReferences.resolve(unit, units, aliases).orElse(null);
      LocalDate deadline = null;
      Integer keyTaskNo = null;
      if (description.isEmpty()) {
        errors.add(at + "·问题：不能为空");
      }
      if (unitId == null) {
        errors.add(at + "·责任单位：'" + unit + "' 不是本计划的单位");
      }
      deadline = ImplementationPlanRules.parseDate(parts[2].trim()).orElse(null);
      if (deadline == null) {
        errors.add(at + "·整改期限：'" + parts[2].trim() + "' 不是日期（YYYY-MM-DD）");
      } else if (deadline.isBefore(today)) {
        errors.add(at + "·整改期限：" + deadline + " 已经过去");
      }
      if (parts.length == 4 && !parts[3].isBlank()) {
        try {
          keyTaskNo = Integer.valueOf(parts[3].trim());
          if (!keyTaskNos.contains(keyTaskNo)) {
            errors.add(at + "·相关重点工作：没有编号为 " + keyTaskNo + " 的重点工作");
          }
        } catch (NumberFormatException e) {
          errors.add(at + "·相关重点工作：'" + parts[3].trim() + "' 不是编号（如 3）");
        }
      }
      problems.add(new Problem(description, unitId, deadline, keyTaskNo));
    }
    if (problems.isEmpty() && errors.isEmpty()) {
      return new Result(problems, errors);
    }
    return new Result(errors.isEmpty() ? problems : List.of(), errors);
  }
}

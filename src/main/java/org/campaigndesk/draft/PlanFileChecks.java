package org.campaigndesk.draft;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan-file checks the 导入计划 page runs while the coordinator edits a draft: ids, names,
 * references, group tokens, deadline forms and windows, for the format of docs/plan-format.md with
 * the extensions of issue #10 (region, years, owner-less tasks, targets, responsiblePerson, worded
 * deadlines). The import itself validates again (POST /api/plans, also with ?dryRun=true).
 */
public final class PlanFileChecks {

  /** One problem: where in the file and what, in Chinese. */
  public record Problem(String path, String message) {}

  private static final String ID = "[A-Za-z][A-Za-z0-9_-]{0,39}";
  private static final String PLAN_ID = "[a-z0-9-]{3,40}";
  private static final Set<String> RESERVED = Set.of("admin", "coordinators");
  private static final Set<String> KINDS = Set.of("department", "township", "other");

  private final List<Problem> problems = new ArrayList<>();
  private final Set<String> unitIds = new HashSet<>();
  private final Set<String> unitKinds = new HashSet<>();
  private final Set<String> leaderIds = new HashSet<>();

  private PlanFileChecks() {}

  public static List<Problem> check(String yaml) {
    PlanFileChecks checks = new PlanFileChecks();
    Map<String, Object> file;
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
      file = parsed;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : "第 " + e.getLocation().getLineNr() + " 行：";
      return List.of(new Problem("", "YAML 格式错误，" + where + e.getOriginalMessage()));
    }
    if (file == null) {
      return List.of(new Problem("", "文件是空的"));
    }
    checks.all(file);
    return List.copyOf(checks.problems);
  }

  private void problem(String path, String message) {
    problems.add(new Problem(path, message));
  }

  private void all(Map<String, Object> file) {
    plan(map(file.get("plan"), "plan"));
    List<Map<String, Object>> units = list(file.get("units"), "units", true);
    if (units.isEmpty()) {
      problem("units", "至少需要一个单位");
    }
    for (int i = 0; i < units.size(); i++) {
      unit(units.get(i), "units[" + i + "]");
    }
    List<Map<String, Object>> leaders = list(file.get("leaders"), "leaders", true);
    for (int i = 0; i < leaders.size(); i++) {
      leader(leaders.get(i), "leaders[" + i + "]");
    }
    List<Map<String, Object>> campaigns = list(file.get("campaigns"), "campaigns", true);
    LocalDate previousEnd = null;
    for (int i = 0; i < campaigns.size(); i++) {
      previousEnd = campaign(campaigns.get(i), "campaigns[" + i + "]", previousEnd);
    }
    List<Map<String, Object>> tasks = list(file.get("tasks"), "tasks", true);
    if (tasks.isEmpty() && file.get("supervision") == null) {
      problem("tasks", "至少需要一项重点工作（挂牌督战计划除外）");
    }
    Set<Object> numbers = new HashSet<>();
    for (int i = 0; i < tasks.size(); i++) {
      task(tasks.get(i), "tasks[" + i + "]", numbers);
    }
    List<Object> reportDates = values(file.get("progressReportDates"), "progressReportDates");
    for (int i = 0; i < reportDates.size(); i++) {
      date(reportDates.get(i), "progressReportDates[" + i + "]", true);
    }
    if (file.get("supervision") != null) {
      supervision(map(file.get("supervision"), "supervision"));
    }
  }

  private void plan(Map<String, Object> plan) {
    text(plan, "id", "plan", true);
    if (plan.get("id") != null && !String.valueOf(plan.get("id")).matches(PLAN_ID)) {
      problem("plan.id", "计划 id 只能用小写字母、数字和 -，3–40 个字符");
    }
    text(plan, "title", "plan", true);
    boolean year = plan.get("year") != null;
    boolean years = plan.get("years") != null;
    if (year == years) {
      problem("plan.year", "year（单年计划）和 years（多年计划）二者必须且只能写一个");
    }
    if (years) {
      Map<String, Object> span = map(plan.get("years"), "plan.years");
      Integer from = integer(span.get("from"), "plan.years.from");
      Integer to = integer(span.get("to"), "plan.years.to");
      if (from != null && to != null && from > to) {
        problem("plan.years", "起始年份晚于结束年份");
      }
    }
    if (year) {
      integer(plan.get("year"), "plan.year");
    }
    if (plan.get("region") != null) {
      Map<String, Object> region = map(plan.get("region"), "plan.region");
      if (region.get("id") == null || !String.valueOf(region.get("id")).matches(ID)) {
        problem("plan.region.id", "region.id 须为字母开头的 ASCII 字母、数字、- 或 _");
      }
    }
    if (plan.get("issued") != null) {
      date(plan.get("issued"), "plan.issued", true);
    }
  }

  private void unit(Map<String, Object> unit, String path) {
    String id = text(unit, "id", path, true);
    if (id != null) {
      if (!id.matches(ID)) {
        problem(path + ".id", "单位 id“" + id + "”须为字母开头的 ASCII 字母、数字、- 或 _，不超过 40 个字符");
      } else if (!unitIds.add(id)) {
        problem(path + ".id", "单位 id“" + id + "”重复");
      }
    }
    text(unit, "name", path, true);
    Object kind = unit.get("kind");
    if (kind == null || !KINDS.contains(String.valueOf(kind))) {
      problem(path + ".kind", "kind 须为 department、township 或 other");
    } else {
      unitKinds.add(String.valueOf(kind));
    }
  }

  private void leader(Map<String, Object> leader, String path) {
    String id = text(leader, "id", path, true);
    if (id == null) {
      return;
    }
    if (!id.matches(ID)) {
      problem(path + ".id", "领导 id“" + id + "”须为字母开头的 ASCII 字母、数字、- 或 _");
    } else if (unitIds.contains(id) || RESERVED.contains(id)) {
      problem(path + ".id", "领导 id“" + id + "”不能与单位 id 或 admin、coordinators 相同");
    } else if (!leaderIds.add(id)) {
      problem(path + ".id", "领导 id“" + id + "”重复");
    }
    text(leader, "name", path, true);
  }

  private LocalDate campaign(Map<String, Object> campaign, String path, LocalDate previousEnd) {
    text(campaign, "id", path, true);
    text(campaign, "name", path, true);
    LocalDate start = date(campaign.get("start"), path + ".start", true);
    LocalDate end = date(campaign.get("end"), path + ".end", true);
    if (start != null && end != null && end.isBefore(start)) {
      problem(path + ".end", "结束日期早于开始日期");
    }
    if (start != null && previousEnd != null && !start.isAfter(previousEnd)) {
      problem(path + ".start", "与前一个行动的时间段重叠");
    }
    List<Map<String, Object>> items = list(campaign.get("items"), path + ".items", false);
    for (int i = 0; i < items.size(); i++) {
      text(items.get(i), "title", path + ".items[" + i + "]", true);
      references(items.get(i).get("units"), path + ".items[" + i + "].units");
    }
    return end != null ? end : previousEnd;
  }

  private void task(Map<String, Object> task, String path, Set<Object> numbers) {
    Integer no = integer(task.get("no"), path + ".no");
    if (no != null && no <= 0) {
      problem(path + ".no", "编号须为正整数");
    }
    if (no != null && !numbers.add(no)) {
      problem(path + ".no", "编号 " + no + " 重复");
    }
    text(task, "title", path, true);
    if (task.containsKey("leadUnits")) {
      List<Object> leads = values(task.get("leadUnits"), path + ".leadUnits");
      if (leads.isEmpty()) {
        problem(path + ".leadUnits", "牵头单位为空：写出牵头单位，或删去 leadUnits 一行作为待分解交办的任务");
      }
      for (int i = 0; i < leads.size(); i++) {
        String ref = String.valueOf(leads.get(i));
        if (ref.startsWith("@")) {
          problem(path + ".leadUnits[" + i + "]", "牵头单位不能用集体称谓 " + ref);
        } else if (!unitIds.contains(ref)) {
          problem(path + ".leadUnits[" + i + "]", "未定义的单位“" + ref + "”");
        }
      }
    }
    List<Object> leaders = values(task.get("leadLeaders"), path + ".leadLeaders");
    for (int i = 0; i < leaders.size(); i++) {
      if (!leaderIds.contains(String.valueOf(leaders.get(i)))) {
        problem(path + ".leadLeaders[" + i + "]", "未定义的领导“" + leaders.get(i) + "”");
      }
    }
    references(task.get("units"), path + ".units");
    deadline(task.get("deadline"), path + ".deadline");
  }

  private void deadline(Object deadline, String path) {
    if (deadline == null) {
      return;
    }
    if (deadline instanceof Map<?, ?> d) {
      if (d.get("date") != null) {
        date(d.get("date"), path + ".date", true);
      } else if ("year-round".equals(String.valueOf(d.get("kind")))) {
        if (d.get("summary") != null) {
          date(d.get("summary"), path + ".summary", true);
        }
        if (d.get("acceptance") != null) {
          date(d.get("acceptance"), path + ".acceptance", true);
        }
      } else if (!"span".equals(String.valueOf(d.get("kind")))) {
        problem(path, "完成时限须为日期、year-round、{kind: year-round, …}、{date: …, text: …} 或 {kind: span, text: …}");
      }
      return;
    }
    String text = String.valueOf(deadline);
    if (!text.equals("year-round") && date(text, path, false) == null) {
      problem(path, "完成时限“" + text + "”不是日期（YYYY-MM-DD）也不是 year-round");
    }
  }

  private void references(Object refs, String path) {
    List<Object> list = values(refs, path);
    for (int i = 0; i < list.size(); i++) {
      String ref = String.valueOf(list.get(i));
      if (ref.equals("@townships") && !unitKinds.contains("township")) {
        problem(path + "[" + i + "]", "@townships 需要至少一个 kind: township 的单位");
      } else if (ref.equals("@departments") && !unitKinds.contains("department")) {
        problem(path + "[" + i + "]", "@departments 需要至少一个 kind: department 的单位");
      } else if (!ref.startsWith("@") && !unitIds.contains(ref)) {
        problem(path + "[" + i + "]", "未定义的单位“" + ref + "”");
      } else if (ref.startsWith("@") && !ref.equals("@townships") && !ref.equals("@departments")) {
        problem(path + "[" + i + "]", "未知的集体称谓 " + ref + "（可用 @townships、@departments）");
      }
    }
  }

  private void supervision(Map<String, Object> supervision) {
    List<Map<String, Object>> phases = list(supervision.get("phases"), "supervision.phases", false);
    for (int i = 0; i < phases.size(); i++) {
      date(phases.get(i).get("start"), "supervision.phases[" + i + "].start", true);
      date(phases.get(i).get("end"), "supervision.phases[" + i + "].end", true);
    }
    List<Map<String, Object>> targets = list(supervision.get("targets"), "supervision.targets", false);
    for (int i = 0; i < targets.size(); i++) {
      String path = "supervision.targets[" + i + "]";
      Map<String, Object> target = targets.get(i);
      if (!unitIds.contains(String.valueOf(target.get("squadUnit")))) {
        problem(path + ".squadUnit", "未定义的单位“" + target.get("squadUnit") + "”");
      }
      for (String field : List.of("leaders", "squadLeads")) {
        for (Object leader : values(target.get(field), path + "." + field)) {
          if (!leaderIds.contains(String.valueOf(leader))) {
            problem(path + "." + field, "未定义的领导“" + leader + "”");
          }
        }
      }
    }
  }

  private String text(Map<String, Object> map, String key, String path, boolean required) {
    Object value = map.get(key);
    if (value == null || String.valueOf(value).isBlank()) {
      if (required) {
        problem(path + "." + key, "缺少 " + key);
      }
      return null;
    }
    return String.valueOf(value);
  }

  private Integer integer(Object value, String path) {
    if (value instanceof Integer i) {
      return i;
    }
    problem(path, "须为整数");
    return null;
  }

  private LocalDate date(Object value, String path, boolean report) {
    if (value == null) {
      if (report) {
        problem(path, "缺少日期（YYYY-MM-DD）");
      }
      return null;
    }
    try {
      return LocalDate.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      if (report) {
        problem(path, "“" + value + "”不是日期（YYYY-MM-DD）");
      }
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value, String path) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    problem(path, "缺少 " + path + " 部分");
    return Map.of();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> list(Object value, String path, boolean required) {
    if (value == null) {
      if (required) {
        problem(path, "缺少 " + path + "（可写 " + path + ": []）");
      }
      return List.of();
    }
    if (!(value instanceof List<?> l)) {
      problem(path, path + " 须为列表");
      return List.of();
    }
    List<Map<String, Object>> maps = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i) instanceof Map<?, ?> m) {
        maps.add((Map<String, Object>) m);
      } else {
        problem(path + "[" + i + "]", "须为一个条目（key: value）");
      }
    }
    return maps;
  }

  @SuppressWarnings("unchecked")
  private List<Object> values(Object value, String path) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return (List<Object>) l;
    }
    problem(path, path + " 须为列表，如 [a, b]");
    return List.of();
  }
}

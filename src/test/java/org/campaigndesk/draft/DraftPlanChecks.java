package org.campaigndesk.draft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a drafted plan file against the format with the extensions of issue #10 (region, years,
 * owner-less tasks, targets, responsiblePerson, worded deadlines), which the reader on this branch
 * does not accept yet: ids, references, group tokens, deadline forms and windows.
 */
final class DraftPlanChecks {

  private static final String UNIT_ID = "[A-Za-z][A-Za-z0-9_-]{0,39}";
  private static final Set<String> RESERVED = Set.of("admin", "coordinators");

  private DraftPlanChecks() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String yaml) throws Exception {
    return new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
  }

  @SuppressWarnings("unchecked")
  static void assertConsistent(String yaml) {
    Map<String, Object> file;
    try {
      file = parse(yaml);
    } catch (Exception e) {
      throw new AssertionError("draft is not YAML: " + e.getMessage() + "\n" + yaml, e);
    }
    Map<String, Object> plan = (Map<String, Object>) file.get("plan");
    assertThat(String.valueOf(plan.get("id"))).matches("[a-z0-9-]{3,40}");
    assertThat(plan.get("title")).as("plan.title").isNotNull();
    assertThat(plan.containsKey("year") ^ plan.containsKey("years")).as("exactly one of year / years").isTrue();
    if (plan.get("region") != null) {
      assertThat(String.valueOf(((Map<String, Object>) plan.get("region")).get("id"))).matches(UNIT_ID);
    }
    Set<String> unitIds = new HashSet<>();
    Set<String> kinds = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (Map<String, Object> unit : (List<Map<String, Object>>) file.get("units")) {
      String id = String.valueOf(unit.get("id"));
      assertThat(id).matches(UNIT_ID);
      assertThat(unitIds.add(id)).as("unit id unique: " + id).isTrue();
      assertThat(names.add(String.valueOf(unit.get("name")))).as("unit name unique: " + unit.get("name")).isTrue();
      assertThat(unit.get("kind")).isIn("department", "township", "other");
      kinds.add(String.valueOf(unit.get("kind")));
    }
    Set<String> leaderIds = new HashSet<>();
    for (Map<String, Object> leader : (List<Map<String, Object>>) file.get("leaders")) {
      String id = String.valueOf(leader.get("id"));
      assertThat(id).matches(UNIT_ID).isNotIn(unitIds).isNotIn(RESERVED);
      assertThat(leaderIds.add(id)).as("leader id unique: " + id).isTrue();
    }
    LocalDate previousEnd = null;
    for (Map<String, Object> campaign : (List<Map<String, Object>>) file.get("campaigns")) {
      if (campaign.get("start") != null && campaign.get("end") != null) {
        LocalDate start = LocalDate.parse(String.valueOf(campaign.get("start")));
        LocalDate end = LocalDate.parse(String.valueOf(campaign.get("end")));
        assertThat(end).isAfterOrEqualTo(start);
        if (previousEnd != null) {
          assertThat(start).as("campaign windows do not overlap").isAfter(previousEnd);
        }
        previousEnd = end;
      }
      for (Map<String, Object> item : (List<Map<String, Object>>) campaign.getOrDefault("items", List.of())) {
        assertReferences((List<Object>) item.get("units"), unitIds, kinds);
      }
    }
    Set<Object> numbers = new HashSet<>();
    for (Map<String, Object> task : (List<Map<String, Object>>) file.get("tasks")) {
      assertThat(numbers.add(task.get("no"))).as("task no unique").isTrue();
      assertThat((Integer) task.get("no")).isPositive();
      List<Object> leadUnits = (List<Object>) task.get("leadUnits");
      if (leadUnits == null) {
        assertThat(task).as("a task awaiting an owner has no deadline").doesNotContainKey("deadline");
      } else {
        assertThat(leadUnits).isNotEmpty();
        leadUnits.forEach(u -> assertThat(String.valueOf(u)).isIn(unitIds));
        ((List<Object>) task.get("leadLeaders")).forEach(l -> assertThat(String.valueOf(l)).isIn(leaderIds));
      }
      assertReferences((List<Object>) task.get("units"), unitIds, kinds);
      Object deadline = task.get("deadline");
      if (deadline instanceof Map<?, ?> d) {
        if (d.containsKey("date")) {
          LocalDate.parse(String.valueOf(d.get("date")));
        } else {
          assertThat(d.get("kind")).isIn("year-round", "span");
        }
      } else if (deadline != null) {
        String s = String.valueOf(deadline);
        if (!s.equals("year-round")) {
          LocalDate.parse(s);
        }
      }
    }
    Map<String, Object> supervision = (Map<String, Object>) file.get("supervision");
    if (supervision != null) {
      for (Map<String, Object> target : (List<Map<String, Object>>) supervision.get("targets")) {
        assertThat(String.valueOf(target.get("squadUnit"))).isIn(unitIds);
        ((List<Object>) target.get("leaders")).forEach(l -> assertThat(String.valueOf(l)).isIn(leaderIds));
        ((List<Object>) target.get("squadLeads")).forEach(l -> assertThat(String.valueOf(l)).isIn(leaderIds));
      }
    }
  }

  private static void assertReferences(List<Object> refs, Set<String> unitIds, Set<String> kinds) {
    for (Object ref : refs) {
      String r = String.valueOf(ref);
      if (r.equals("@townships")) {
        assertThat(kinds).as("@townships needs a township").contains("township");
      } else if (r.equals("@departments")) {
        assertThat(kinds).as("@departments needs a department").contains("department");
      } else {
        assertThat(r).isIn(unitIds);
      }
    }
  }
}

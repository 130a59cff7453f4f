package org.campaigndesk.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.plan.PlanValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drafts are plan files the application accepts: {@link PlanReader} reads them as drafted (with
 * region, years, targets, responsiblePerson, worded deadlines and owner-less tasks), and also in the
 * format before those extensions; they pass the page's checks ({@link DraftPlanChecks}) too.
 */
class DraftValidatesTest {

  @ParameterizedTest
  @ValueSource(strings = {"lufeng-2020-plan.txt", "benxi-2019-consolidation.txt", "chuxiong-2020-listed-supervision.txt"})
  void seedDraftsAreValidPlanFiles(String seed) throws Exception {
    byte[] document;
    try (InputStream in = getClass().getResourceAsStream("/draft/seeds/" + seed)) {
      document = in.readAllBytes();
    }
    String draft = PlanDrafter.draft(seed, document).draft();
    DraftPlanChecks.assertConsistent(draft);
    Plan plan = read(draft);
    assertThat(plan.units()).isNotEmpty();
    assertThat(new String(document, StandardCharsets.UTF_8)).contains(plan.info().title().substring(0, 3));
    String current = withoutExtensions(draft);
    assertThatCode(() -> read(current)).doesNotThrowAnyException();
  }

  /** Drafts of the other shapes, with region, years, owner-less tasks, targets and worded deadlines, read as they are. */
  @Test
  void draftsOfOtherShapesAreValidPlanFiles() throws Exception {
    read(DraftShapesTest.draftText(java.nio.file.Files.readString(
        java.nio.file.Path.of("src/test/resources/draft/shapes/three-year-action-plan.txt"))).draft());
    read(PlanDrafter.draft("plan.txt", String.join("\n\n", DraftReadersTest.SMALL_PLAN).getBytes(StandardCharsets.UTF_8)).draft());
    read(DraftShapesTest.draftText(
        "宁洱县2021年巩固拓展脱贫攻坚成果工作要点",
        "一、重点任务",
        "（一）抓好防止返贫监测。由县农业农村局会同各乡镇开展常态化监测。",
        "牵头单位：县农业农村局",
        "（二）推进产业帮扶。带动500户脱贫户增收。",
        "（三）稳定务工就业。全年转移就业8000人以上。").draft());
  }

  private static Plan read(String yaml) {
    try {
      return new PlanReader().read(yaml);
    } catch (PlanValidationException e) {
      throw new AssertionError("PlanReader rejects the draft: " + e.errors() + "\n" + yaml, e);
    }
  }

  /** The draft in the format before issue #10 (no region, years, targets, …): extension fields removed or reduced. */
  @SuppressWarnings("unchecked")
  static String withoutExtensions(String yaml) throws Exception {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    Map<String, Object> file = mapper.readValue(yaml, Map.class);
    Map<String, Object> plan = (Map<String, Object>) file.get("plan");
    plan.remove("region");
    if (plan.get("years") instanceof Map<?, ?> years) {
      plan.put("year", years.get("to"));
      plan.remove("years");
    }
    ((List<Map<String, Object>>) file.get("units")).forEach(u -> u.remove("responsiblePerson"));
    for (Map<String, Object> campaign : (List<Map<String, Object>>) file.get("campaigns")) {
      ((List<Map<String, Object>>) campaign.get("items")).forEach(i -> i.remove("targets"));
    }
    for (Map<String, Object> task : (List<Map<String, Object>>) file.get("tasks")) {
      task.remove("targets");
      task.remove("responsiblePerson");
      task.remove("year");
      if (task.get("deadline") instanceof Map<?, ?> deadline) {
        Map<String, Object> d = (Map<String, Object>) deadline;
        if (d.containsKey("date")) {
          task.put("deadline", d.get("date"));
        } else if (!d.containsKey("summary")) {
          task.put("deadline", d.get("kind"));
        } else {
          d.remove("year");
        }
      }
    }
    return mapper.writeValueAsString(file);
  }
}

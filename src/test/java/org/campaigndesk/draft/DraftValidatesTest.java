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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drafts of the seed documents are plan files the application accepts: with the issue-#10
 * extensions (region, targets, responsiblePerson, worded deadlines) taken out they pass
 * {@link PlanReader}; with them they pass the format checks of {@link DraftPlanChecks}.
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
    String current = withoutExtensions(draft);
    assertThatCode(() -> read(current)).doesNotThrowAnyException();
    Plan plan = read(current);
    assertThat(plan.units()).isNotEmpty();
    assertThat(new String(document, StandardCharsets.UTF_8)).contains(plan.info().title().substring(0, 3));
  }

  private static Plan read(String yaml) {
    try {
      return new PlanReader().read(yaml);
    } catch (PlanValidationException e) {
      throw new AssertionError("PlanReader rejects the draft: " + e.errors() + "\n" + yaml, e);
    }
  }

  /** The draft in the format PlanReader reads on this branch: extension fields removed or reduced. */
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

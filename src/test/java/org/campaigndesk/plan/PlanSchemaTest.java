package org.campaigndesk.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.campaigndesk.TestPlans;
import org.junit.jupiter.api.Test;

/** docs/plan.schema.json: every example the project ships validates, and the reader applies it. */
class PlanSchemaTest {

  final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  List<PlanError> check(String text) throws IOException {
    return PlanSchema.check(yaml.readTree(text));
  }

  @Test
  void everyShippedPlanValidates() throws IOException {
    List<Path> plans;
    try (Stream<Path> files = Files.list(Path.of("plans"))) {
      plans = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(plans).hasSizeGreaterThanOrEqualTo(3);
    for (Path plan : plans) {
      assertThat(check(Files.readString(plan))).as(plan.toString()).isEmpty();
    }
  }

  @Test
  void everyWholePlanInTheFormatDocValidates() throws IOException {
    String doc = Files.readString(Path.of("docs/plan-format.md"));
    Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> wholePlans = new ArrayList<>();
    while (block.find()) {
      if (block.group(1).startsWith("plan:\n  id:")) {
        wholePlans.add(block.group(1));
      }
    }
    assertThat(wholePlans).hasSizeGreaterThanOrEqualTo(2);
    for (String example : wholePlans) {
      assertThat(check(example)).as(example).isEmpty();
      assertThat(new PlanReader().read(example).tasks()).isNotEmpty();
    }
  }

  @Test
  void theTestsPlansValidate() throws IOException {
    assertThat(check(TestPlans.plan("schema-test"))).isEmpty();
    assertThat(check(PlansAsTheyComeTest.THREE_YEARS)).isEmpty();
  }

  @Test
  void theReaderReportsWhatOnlyTheSchemaCatches() {
    String yamlWithListDescription = TestPlans.plan("schema-bad").replace("description: 加大产业扶贫资金投入。",
        "description: [加大投入, 强化监管]");
    assertThatThrownBy(() -> new PlanReader().read(yamlWithListDescription))
        .isInstanceOfSatisfying(PlanValidationException.class, e -> assertThat(e.errors())
            .anySatisfy(error -> {
              assertThat(error.path()).isEqualTo("tasks[0].description");
              assertThat(error.message()).contains("plan.schema.json");
            }));
  }

  @Test
  void theSchemaItselfIsValidJson_withTheFieldsTheFormatDocNames() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(Files.readString(Path.of("docs/plan.schema.json")));
    JsonNode plan = schema.at("/properties/plan/properties");
    assertThat(plan.has("region")).isTrue();
    assertThat(plan.has("years")).isTrue();
    assertThat(schema.at("/properties/tasks/items/properties").has("responsiblePerson")).isTrue();
    assertThat(schema.at("/properties/tasks/items/properties").has("targets")).isTrue();
  }
}

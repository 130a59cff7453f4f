package org.campaigndesk.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A plan's facts as the processes carry them read back the same as the plan gives them (dates as days). */
class PlanFactsTest {

  @ParameterizedTest
  @ValueSource(strings = {"lufeng-2020.yaml", "benxi-2019.yaml", "chuxiong-2020-supervision.yaml"})
  void theFactsOfAShippedPlan_readBackAsWritten(String file) throws IOException {
    Plan plan = new PlanReader().read(Files.readString(Path.of("plans", file)));
    PlanFacts facts = PlanFacts.of(plan);

    PlanFacts read = PlanFacts.read(facts.value().getValue());

    assertThat(read).isEqualTo(facts);
    assertThat(read.campaigns()).isEqualTo(plan.campaigns());
    assertThat(read.supervision()).isEqualTo(plan.supervision());
    assertThat(read.zone()).isEqualTo(plan.info().timezone());
    assertThat(read.keyTasks()).extracting(PlanFacts.KeyTask::label)
        .containsExactlyElementsOf(plan.tasks().stream().map(Plan.KeyTask::label).toList());
    // What a key task's process starts with, as the plan gives it.
    assertThat(read.progressReportDates()).isEqualTo(plan.progressReportDates());
    assertThat(read.spanText()).isEqualTo(plan.info().spanText());
    assertThat(read.version()).isEqualTo(PlanFacts.CURRENT_VERSION);
    for (Plan.KeyTask task : plan.tasks()) {
      PlanFacts.KeyTask fact = read.keyTask(task.no()).orElseThrow();
      assertThat(fact.description()).isEqualTo(task.description());
      assertThat(fact.leadUnitIds()).isEqualTo(task.leadUnitIds());
      assertThat(fact.coLeadUnitIds()).isEqualTo(task.coLeadUnitIds());
      assertThat(fact.responsibleUnitIds()).isEqualTo(task.responsibleUnitIds());
      assertThat(fact.dueDate()).isEqualTo(task.deadline() == null ? null : task.deadline().dueDate());
      assertThat(fact.deadlineText()).isEqualTo(task.deadline() == null ? null : task.deadline().text());
      assertThat(fact.summaryDate()).isEqualTo(task.deadline() == null ? null : task.deadline().summaryDate().orElse(null));
    }
    Plan.Unit first = plan.units().get(0);
    assertThat(read.unitName(first.id())).isEqualTo(first.name());
    assertThat(read.unitName("no-such-unit")).isEqualTo("no-such-unit");
    if (!plan.leaders().isEmpty()) {
      assertThat(read.leaderName(plan.leaders().get(0).id())).isEqualTo(plan.leaders().get(0).name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lufeng-2020.yaml"})
  void daysAreWrittenAsIsoText(String file) throws IOException {
    PlanFacts facts = PlanFacts.of(new PlanReader().read(Files.readString(Path.of("plans", file))));
    String json = facts.value().getValue().toString();
    assertThat(json).contains("\"start\":\"" + facts.campaigns().get(0).start() + "\"");
  }
}

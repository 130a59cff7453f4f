package org.campaigndesk.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks the 导入计划 page runs on an edited draft. */
class DraftPlanFileChecksTest {

  static final String GOOD = """
      plan:
        id: demo-2021
        title: 示例县2021年扶贫开发工作计划
        region: {id: demo, name: 示例县}
        year: 2021
      units:
        - {id: fpb, name: 县扶贫办, kind: department}
        - {id: town-a, name: 甲镇, kind: township}
      leaders:
        - {id: zhangsan, name: 张三, title: 副县长}
      campaigns: []
      tasks:
        - no: 1
          title: 产业扶贫
          leadLeaders: [zhangsan]
          leadUnits: [fpb]
          units: ["@townships"]
          deadline: {date: 2021-06-30, text: 6月底前}
          responsiblePerson: {name: 李四, title: 主任}
          targets: [{text: 完成100户脱贫, value: 100, unit: 户}]
        - no: 2
          title: 待分解交办的任务
          units: []
      progressReportDates: [2021-03-20]
      """;

  static List<String> paths(String yaml) {
    return PlanFileChecks.check(yaml).stream().map(PlanFileChecks.Problem::path).toList();
  }

  @Test
  void aDraftWithTheExtensionsPasses() {
    assertThat(PlanFileChecks.check(GOOD)).isEmpty();
  }

  @Test
  void theShippedPlanFilesPass() throws Exception {
    for (String file : List.of("plans/lufeng-2020.yaml", "plans/benxi-2019.yaml", "plans/chuxiong-2020-supervision.yaml")) {
      assertThat(PlanFileChecks.check(Files.readString(Path.of(file)))).as(file).isEmpty();
    }
  }

  @Test
  void problemsAreReportedWithTheirPath() {
    assertThat(paths(GOOD.replace("leadUnits: [fpb]", "leadUnits: [fbp]"))).containsExactly("tasks[0].leadUnits[0]");
    assertThat(paths(GOOD.replace("leadUnits: [fpb]", "leadUnits: [\"@townships\"]"))).containsExactly("tasks[0].leadUnits[0]");
    assertThat(paths(GOOD.replace("leadLeaders: [zhangsan]", "leadLeaders: [lisi]"))).containsExactly("tasks[0].leadLeaders[0]");
    assertThat(paths(GOOD.replace("{id: town-a, name: 甲镇, kind: township}", "{id: town-a, name: 甲镇, kind: other}")))
        .containsExactly("tasks[0].units[0]");
    assertThat(paths(GOOD.replace("date: 2021-06-30", "date: 2021-06-31"))).containsExactly("tasks[0].deadline.date");
    assertThat(paths(GOOD.replace("  year: 2021", "  years: {from: 2021, to: 2019}"))).containsExactly("plan.years");
    assertThat(paths(GOOD.replace("  year: 2021", "  year: 2021\n  years: {from: 2019, to: 2021}"))).containsExactly("plan.year");
    assertThat(paths(GOOD.replace("{id: zhangsan,", "{id: fpb,"))).contains("leaders[0].id");
    assertThat(paths(GOOD.replace("- no: 2", "- no: 1"))).containsExactly("tasks[1].no");
    assertThat(paths(GOOD.replace("id: demo-2021", "id: Demo 2021"))).containsExactly("plan.id");
    assertThat(PlanFileChecks.check("plan: [\n")).singleElement()
        .satisfies(p -> assertThat(p.message()).startsWith("YAML 格式错误"));
  }
}

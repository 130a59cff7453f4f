package org.campaigndesk.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans as real documents state them: regions, spans of years, owners named later, targets and named persons. */
class PlansAsTheyComeTest {

  final PlanReader reader = new PlanReader();

  static final String THREE_YEARS = """
      plan:
        id: xy-2018-2020
        region: {id: xiangyun, name: 祥云县}
        title: 祥云县脱贫攻坚三年行动计划（2018—2020年）
        years: {from: 2018, to: 2020}
      units:
        - {id: agri, name: 县农业农村局, kind: department, email: agri@xy.example.org,
           responsiblePerson: {name: 李明, title: 局长, phone: "0872-1234567"}}
        - {id: edu, name: 县教育体育局, kind: department}
        - {id: townships, name: 各乡镇, kind: other}
        - {id: village-teams, name: 驻村工作队, kind: other}
      leaders:
        - {id: wanghong, name: 王红, title: 副县长}
      campaigns:
        - {id: spring-2019, name: 春季攻势行动, start: 2019-02-01, end: 2019-04-30,
           items: [{title: 一是开展产业培训, units: [agri], targets: [{text: 培训1000人次, value: 1000, unit: 人次, year: 2019}]},
                   {title: 二是宣传动员}]}
        - {id: spring-2020, name: 春季攻势行动, start: 2020-02-01, end: 2020-04-30, items: []}
      tasks:
        - no: 1
          title: 产业扶贫
          leadLeaders: [wanghong]
          leadUnits: [agri]
          units: [townships, village-teams]
          year: 2018
          deadline: year-round
          targets:
            - {text: 2018年实现1217户4811人脱贫, value: 4811, unit: 人, year: 2018}
            - 建成一批产业基地
          responsiblePerson: {name: 张三}
        - no: 2
          title: 教育扶贫
          leadUnits: [edu]
          deadline: {date: 2019-12-31, text: 2019年底前}
        - no: 3
          title: 控辍保学
          leadUnits: [edu]
          deadline: {kind: span, text: 三年内}
        - no: 4
          title: 易地扶贫搬迁后续扶持
          description: 明确责任单位、责任领导，制定工作方案。
      """;

  @Test
  void aThreeYearPlan_placesDeadlinesInTheirYears_andSaysWhatTheSourceSays() {
    Plan plan = reader.read(THREE_YEARS);
    assertThat(plan.info().region()).isEqualTo(new Plan.Region("xiangyun", "祥云县"));
    assertThat(plan.info().firstYear()).isEqualTo(2018);
    assertThat(plan.info().year()).isEqualTo(2020);
    assertThat(plan.info().years()).containsExactly(2018, 2019, 2020);
    assertThat(plan.info().spanText()).isEqualTo("2018—2020年");
    assertThat(plan.info().issuer()).isNull();
    assertThat(plan.info().documentNo()).isNull();

    Plan.KeyTask first = plan.tasks().get(0);
    assertThat(first.deadline().dueDate()).isEqualTo(LocalDate.of(2018, 12, 31));
    assertThat(first.deadline().text()).startsWith("全年推进");
    Plan.KeyTask second = plan.tasks().get(1);
    assertThat(second.deadline().dueDate()).isEqualTo(LocalDate.of(2019, 12, 31));
    assertThat(second.deadline().text()).isEqualTo("2019年底前（2019年12月31日前）");
    Plan.KeyTask third = plan.tasks().get(2);
    assertThat(third.deadline().dueDate()).isEqualTo(LocalDate.of(2020, 12, 31));
    assertThat(third.deadline().text()).isEqualTo("三年内（2020年12月31日前）");
    assertThat(plan.campaigns()).extracting(Plan.Campaign::start)
        .containsExactly(LocalDate.of(2019, 2, 1), LocalDate.of(2020, 2, 1));
  }

  @Test
  void targetsAndNamedPersons_areData() {
    Plan plan = reader.read(THREE_YEARS);
    Plan.KeyTask first = plan.tasks().get(0);
    assertThat(first.targets()).containsExactly(
        new Plan.Objective("2018年实现1217户4811人脱贫", 4811.0, "人", 2018),
        new Plan.Objective("建成一批产业基地", null, null, null));
    assertThat(first.responsiblePerson()).isEqualTo(new Plan.ResponsiblePerson("张三", null, null));
    assertThat(plan.units().get(0).responsiblePerson().text()).isEqualTo("李明（局长，0872-1234567）");
    assertThat(plan.campaigns().get(0).items().get(0).targets())
        .containsExactly(new Plan.Objective("培训1000人次", 1000.0, "人次", 2019));
    // Collective actors are units the plan names like any other.
    assertThat(first.responsibleUnitIds()).containsExactly("townships", "village-teams");
  }

  @Test
  void ownersNamedLater_leaveTheTaskAwaitingItsOwner() {
    Plan.KeyTask open = reader.read(THREE_YEARS).tasks().get(3);
    assertThat(open.awaitingOwner()).isTrue();
    assertThat(open.owningUnitId()).isNull();
    assertThat(open.leadUnitIds()).isEmpty();
    assertThat(open.deadline()).isNull();
    Plan.KeyTask leadOnly = reader.read(THREE_YEARS.replace("    description: 明确责任单位、责任领导，制定工作方案。",
        "    leadUnits: [agri]")).tasks().get(3);
    assertThat(leadOnly.awaitingOwner()).as("a lead unit without a deadline still waits").isTrue();
    assertThat(reader.read(THREE_YEARS).tasks().get(0).awaitingOwner()).isFalse();
  }

  @Test
  void aCampaignItemNamingNoUnit_isImportedWithAWarning() {
    Plan plan = reader.read(THREE_YEARS);
    assertThat(plan.warnings()).containsExactly(
        new PlanError("campaigns[0].items[1].units", "names no unit: nobody gets a task for this item"));
  }

  @Test
  void shiftingAMultiYearPlan_movesTheSpanAndTheYearsInItsWording() {
    Plan plan = reader.read(THREE_YEARS).shiftedToYear(2027);
    assertThat(plan.info().firstYear()).isEqualTo(2025);
    assertThat(plan.info().year()).isEqualTo(2027);
    assertThat(plan.info().id()).isEqualTo("xy-2025-2027");
    assertThat(plan.tasks().get(1).deadline().text()).startsWith("2026年底前");
    assertThat(plan.tasks().get(0).year()).isEqualTo(2025);
  }

  @Test
  void installationIds_replaceThePlansIds_andThePlansIdStaysAnAlias() {
    Plan plan = reader.read(THREE_YEARS).withPrincipalIds(Map.of("agri", "xiangyun.agri"), Map.of("wanghong", "xiangyun.wanghong"));
    assertThat(plan.units().get(0).id()).isEqualTo("xiangyun.agri");
    assertThat(plan.units().get(0).aliases()).contains("agri");
    assertThat(plan.tasks().get(0).leadUnitIds()).containsExactly("xiangyun.agri");
    assertThat(plan.tasks().get(0).leadLeaderIds()).containsExactly("xiangyun.wanghong");
    assertThat(plan.campaigns().get(0).items().get(0).unitIds()).containsExactly("xiangyun.agri");
    assertThat(plan.units().get(1).id()).isEqualTo("edu");
  }
}

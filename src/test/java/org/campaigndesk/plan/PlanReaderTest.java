package org.campaigndesk.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.campaigndesk.TestPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanReaderTest {

  final PlanReader reader = new PlanReader();

  static String file(String name) throws IOException {
    return Files.readString(Path.of("plans", name), StandardCharsets.UTF_8);
  }

  @Test
  void lufeng2020_hasTheAnnexTwentyKeyTasks() throws IOException {
    Plan plan = reader.read(file("lufeng-2020.yaml"));
    assertThat(plan.info().id()).isEqualTo("lufeng-2020");
    assertThat(plan.info().documentNo()).isEqualTo("禄扶组发〔2020〕3号");
    assertThat(plan.info().timezone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(plan.tasks()).hasSize(20);
    assertThat(plan.tasks()).extracting(Plan.KeyTask::no).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
    assertThat(plan.units()).filteredOn(u -> u.kind() == UnitKind.TOWNSHIP).hasSize(14);

    Plan.KeyTask first = plan.tasks().get(0);
    assertThat(first.title()).isEqualTo("产业扶贫成效提升工程");
    assertThat(first.leadLeaderIds()).containsExactly("kuanghuaran");
    assertThat(first.leadUnitIds()).containsExactly("agri");
    assertThat(first.deadline()).isEqualTo(new Deadline.FixedDate(LocalDate.of(2020, 10, 30)));
    // 8 departments named in the annex plus all 14 townships through "@townships"
    assertThat(first.responsibleUnitIds()).hasSize(22).contains("finance", "fpb", "jinshan");

    Plan.KeyTask twelve = plan.tasks().get(11);
    assertThat(twelve.title()).isEqualTo("基础设施建设提升工程");
    assertThat(twelve.leadUnitIds()).containsExactly("water", "transport", "fpb");
    assertThat(twelve.owningUnitId()).isEqualTo("water");
    assertThat(twelve.coLeadUnitIds()).containsExactly("transport", "fpb");
    assertThat(twelve.leadLeaderIds()).containsExactly("duanyuansheng", "kuanghuaran");

    assertThat(plan.tasks().get(19).deadline().dueDate()).isEqualTo(LocalDate.of(2020, 8, 31));
    assertThat(plan.progressReportDates()).containsExactly(
        LocalDate.of(2020, 3, 20), LocalDate.of(2020, 6, 20), LocalDate.of(2020, 9, 20));
    assertThat(plan.campaigns()).extracting(Plan.Campaign::name)
        .containsExactly("春季攻势行动", "夏季提升行动", "秋季巩固行动", "冬季决战行动");
    assertThat(plan.campaigns()).extracting(c -> c.items().size()).containsExactly(8, 10, 8, 8);
    assertThat(plan.campaigns().get(3).end()).isEqualTo(LocalDate.of(2021, 1, 31));
  }

  @Test
  void benxi2019_hasSixteenTasksWithAllDeadlineKinds() throws IOException {
    Plan plan = reader.read(file("benxi-2019.yaml"));
    assertThat(plan.tasks()).hasSize(16);
    assertThat(plan.tasks().get(0).deadline()).isEqualTo(
        new Deadline.YearRoundWithReviews(LocalDate.of(2019, 6, 30), LocalDate.of(2019, 12, 31)));
    assertThat(plan.tasks().get(1).deadline()).isEqualTo(new Deadline.FixedDate(LocalDate.of(2019, 4, 15)));
    assertThat(plan.tasks()).extracting(Plan.KeyTask::deadline).hasAtLeastOneElementOfType(Deadline.YearRound.class);
    assertThat(plan.units()).allMatch(u -> u.id().startsWith("bx-"));
  }

  @Test
  void chuxiong2020_listsEveryTargetOfTheAnnex() throws IOException {
    Plan plan = reader.read(file("chuxiong-2020-supervision.yaml"));
    assertThat(plan.tasks()).isEmpty();
    Plan.Supervision supervision = plan.supervision();
    assertThat(supervision.reportDay()).isEqualTo(20);
    assertThat(supervision.phases()).extracting(Plan.Phase::name).containsExactly("组织启动", "打歼灭战", "巩固提升");
    assertThat(supervision.phases().get(1).milestones()).first()
        .satisfies(m -> assertThat(m.date()).isEqualTo(LocalDate.of(2020, 2, 29)));
    assertThat(supervision.targets()).hasSize(13);
    assertThat(supervision.targets()).filteredOn(t -> t.kind().equals("county")).extracting(Plan.Target::name)
        .containsExactly("武定县", "南华县", "姚安县");
    assertThat(supervision.targets()).filteredOn(t -> t.kind().equals("hydropower-resettlement-site")).hasSize(4);
    Plan.Target wuding = supervision.targets().get(0);
    assertThat(wuding.figures()).containsEntry("remainingPoor", 3071.0);
    assertThat(wuding.leaderIds()).containsExactly("yangbin", "lilinbo");
  }

  @Test
  void deadlineTexts_readLikeThePlans() {
    assertThat(new Deadline.FixedDate(LocalDate.of(2020, 6, 30)).text()).isEqualTo("2020年6月30日前");
    assertThat(new Deadline.YearRound(LocalDate.of(2020, 12, 31)).text()).isEqualTo("全年推进（2020年12月31日前）");
    assertThat(new Deadline.YearRoundWithReviews(LocalDate.of(2019, 6, 30), LocalDate.of(2019, 12, 31)).text())
        .isEqualTo("全年推进、半年总结（2019年6月30日）、年终验收（2019年12月31日）");
  }

  @Test
  void numbersAreWrittenAsInTheAnnex() {
    assertThat(ChineseDates.numeral(1)).isEqualTo("一");
    assertThat(ChineseDates.numeral(10)).isEqualTo("十");
    assertThat(ChineseDates.numeral(14)).isEqualTo("十四");
    assertThat(ChineseDates.numeral(20)).isEqualTo("二十");
    assertThat(ChineseDates.numeral(35)).isEqualTo("三十五");
  }

  @Test
  void quotedAndBareNoKeysReadTheSame() {
    String bare = TestPlans.plan("quoted-no");
    String quoted = bare.replace("- no: ", "- 'no': ");
    assertThat(quoted).contains("'no': 1");
    assertThat(reader.read(quoted).tasks()).extracting(Plan.KeyTask::no).containsExactly(1, 2, 3, 4);
    assertThat(reader.read(bare).tasks()).extracting(Plan.KeyTask::no).containsExactly(1, 2, 3, 4);
  }

  @Test
  void leadUnitNamedAgainThroughAGroupDoesNotAlsoContribute() {
    String yaml = TestPlans.plan("lead-in-group").replace("units: [t-fpb, \"@townships\"]", "units: [\"@departments\"]");
    Plan.KeyTask task = reader.read(yaml).tasks().get(0);
    assertThat(task.responsibleUnitIds()).containsExactly("t-water", "t-fpb");
  }

  @Test
  void shiftedToYear_movesEveryDateAndTheIdentity() throws IOException {
    Plan plan = reader.read(file("lufeng-2020.yaml")).shiftedToYear(2026);
    assertThat(plan.info().id()).isEqualTo("lufeng-2026");
    assertThat(plan.info().title()).contains("2026").doesNotContain("2020");
    assertThat(plan.tasks().get(1).deadline().dueDate()).isEqualTo(LocalDate.of(2026, 6, 30));
    assertThat(plan.campaigns().get(3).end()).isEqualTo(LocalDate.of(2027, 1, 31));
  }

  static Stream<Arguments> badPlans() {
    String ok = TestPlans.plan("bad-plan");
    return Stream.of(
        Arguments.of("not YAML", "plan: [unclosed", "(file): not valid YAML"),
        Arguments.of("empty file", "", "(file): is empty"),
        Arguments.of("a list, not a mapping", "- a\n- b", "(file): must be a mapping"),
        Arguments.of("unknown top-level field", ok + "extra: 1\n", "extra: unknown field"),
        Arguments.of("plan id with capitals", ok.replace("id: bad-plan", "id: Bad_Plan"), "plan.id: 'Bad_Plan' must be 3 to 40 lowercase"),
        Arguments.of("no title", ok.replace("  title: 测试县2026年扶贫开发工作计划\n", ""), "plan.title: is required"),
        Arguments.of("year not a number", ok.replace("year: 2026", "year: 二〇二六"), "plan.year: must be a whole number, not '二〇二六'"),
        Arguments.of("implausible year", ok.replace("year: 2026", "year: 1926"), "plan.year: 1926 is not a plausible plan year"),
        Arguments.of("unknown time zone", ok.replace("year: 2026", "year: 2026\n  timezone: Mars/Olympus"), "plan.timezone: unknown time zone 'Mars/Olympus'"),
        Arguments.of("unit id not ASCII", ok.replace("id: t-agri,", "id: 农业局,"), "units[0].id: '农业局' must start with an ASCII letter"),
        Arguments.of("reserved unit id", ok.replace("id: t-agri,", "id: admin,"), "units[0].id: 'admin' is reserved"),
        Arguments.of("duplicate unit id", ok.replace("id: t-water,", "id: t-agri,"), "units[1].id: duplicate unit id 't-agri' (also units[0])"),
        Arguments.of("duplicate unit name", ok.replace("name: 测试县水务局", "name: 测试县农业农村局"), "units[1].name: duplicate unit name '测试县农业农村局' (also units[0])"),
        Arguments.of("bad unit kind", ok.replace("name: 甲镇, kind: township", "name: 甲镇, kind: town"), "units[3].kind: 'town' is not one of department, township, other"),
        Arguments.of("bad email", ok.replace("email: t-agri@test.example.org", "email: agri-at-test"), "units[0].email: 'agri-at-test' is not an email address"),
        Arguments.of("unit id only too long", ok.replace("id: t-agri,", "id: t-agriculture-and-rural-affairs-bureau-of-the-county,"),
            "units[0].id: 't-agriculture-and-rural-affairs-bureau-of-the-county' is 52 characters long; an id may have at most 40"),
        Arguments.of("title too long", ok.replace("title: 测试县2026年扶贫开发工作计划", "title: " + "长".repeat(301)), "plan.title: is 301 characters long; at most 300"),
        Arguments.of("region not a mapping", ok.replace("year: 2026", "year: 2026\n  region: lufeng"), "plan.region: must be a mapping {id: ..., name: ...}"),
        Arguments.of("region id with capitals", ok.replace("year: 2026", "year: 2026\n  region: {id: LuFeng, name: 禄丰县}"), "plan.region.id: 'LuFeng' must be 2 to 20 lowercase"),
        Arguments.of("year and years", ok.replace("year: 2026", "year: 2026\n  years: {from: 2025, to: 2027}"), "plan.years: give either year (a one-year plan) or years (a span), not both"),
        Arguments.of("years reversed", ok.replace("year: 2026", "years: {from: 2027, to: 2025}"), "plan.years.to: 2025 is before plan.years.from 2027"),
        Arguments.of("no year at all", ok.replace("  year: 2026\n", ""), "plan.year: is required (or plan.years"),
        Arguments.of("task year outside the span", ok.replace("    deadline: year-round", "    year: 2024\n    deadline: year-round"), "tasks[2].year: 2024 is outside the plan year 2026"),
        Arguments.of("deadline kind unknown", ok.replace("deadline: year-round", "deadline: {kind: soon}"), "tasks[2].deadline.kind: 'soon' is not a deadline kind (year-round or span)"),
        Arguments.of("deadline date outside the span", ok.replace("deadline: 2026-10-30", "deadline: {date: 2028-10-30, text: 2028年底前}"), "tasks[0].deadline.date: 2028-10-30 is outside the plan year 2026"),
        Arguments.of("responsible person without a name", ok.replace("    deadline: year-round", "    responsiblePerson: {title: 局长}\n    deadline: year-round"), "tasks[2].responsiblePerson.name: is required"),
        Arguments.of("responsible person's phone", ok.replace("    deadline: year-round", "    responsiblePerson: {name: 王五, phone: call-me}\n    deadline: year-round"), "tasks[2].responsiblePerson.phone: 'call-me' is not a phone number"),
        Arguments.of("target value not a number", ok.replace("    deadline: year-round", "    targets: [{text: 完成4811人脱贫, value: 四千}]\n    deadline: year-round"), "tasks[2].targets[0].value: must be a number, not '四千'"),
        Arguments.of("target without text", ok.replace("    deadline: year-round", "    targets: [{value: 4811}]\n    deadline: year-round"), "tasks[2].targets[0].text: is required"),
        Arguments.of("no units", ok.replaceAll("(?s)units:\\n.*?leaders:", "units: []\nleaders:"), "units: at least one unit is required"),
        Arguments.of("leader id equal to a unit id", ok.replace("id: t-zhang,", "id: t-agri,"), "leaders[0].id: 't-agri' is already a unit id"),
        Arguments.of("unknown lead unit", ok.replace("leadUnits: [t-agri]\n    units: [t-fpb", "leadUnits: [x]\n    units: [t-fpb"), "tasks[0].leadUnits[0]: unknown unit 'x'"),
        Arguments.of("unit by name gets a hint", ok.replace("leadUnits: [t-water, t-fpb]", "leadUnits: [测试县水务局, t-fpb]"), "tasks[1].leadUnits[0]: unknown unit '测试县水务局' (did you mean 't-water', 测试县水务局?)"),
        Arguments.of("group token as lead unit", ok.replace("leadUnits: [t-water, t-fpb]", "leadUnits: [\"@townships\"]"), "tasks[1].leadUnits[0]: '@townships' names a group of units"),
        Arguments.of("lead unit twice", ok.replace("leadUnits: [t-water, t-fpb]", "leadUnits: [t-water, t-water]"), "tasks[1].leadUnits[1]: unit 't-water' is listed twice"),
        Arguments.of("unknown leader", ok.replace("leadLeaders: [t-li]", "leadLeaders: [t-wang]"), "tasks[2].leadLeaders[0]: unknown leader 't-wang'"),
        Arguments.of("unknown group token", ok.replace("units: [\"@townships\"]", "units: [\"@villages\"]"), "tasks[1].units[0]: unknown group '@villages'"),
        Arguments.of("group token with no members", ok.replace("kind: township", "kind: other"), "tasks[0].units[1]: '@townships' stands for the plan's units of kind township, but the plan names none"),
        Arguments.of("unknown responsible unit", ok.replace("units: [t-fpb, \"@townships\"]", "units: [t-fpb, t-edu]"), "tasks[0].units[1]: unknown unit 't-edu'"),
        Arguments.of("duplicate task number", ok.replace("- no: 2", "- no: 1"), "tasks[1].no: duplicate task number 1 (also tasks[0])"),
        Arguments.of("task number not a number", ok.replace("- no: 2", "- no: 二"), "tasks[1].no: must be a whole number, not '二'"),
        Arguments.of("no tasks", ok.replaceAll("(?s)tasks:\\n.*?progressReportDates", "tasks: []\nprogressReportDates"), "tasks: at least one key task is required"),
        Arguments.of("deadline not a date", ok.replace("deadline: 2026-06-30", "deadline: 6月30日前"), "tasks[1].deadline: '6月30日前' is not a date (YYYY-MM-DD)"),
        Arguments.of("impossible date", ok.replace("deadline: 2026-06-30", "deadline: 2026-02-30"), "tasks[1].deadline: '2026-02-30' is not a date"),
        Arguments.of("deadline outside the plan year", ok.replace("deadline: 2026-06-30", "deadline: 2025-06-30"), "tasks[1].deadline: 2025-06-30 is outside the plan year 2026"),
        Arguments.of("summary after acceptance", ok.replace("deadline: year-round", "deadline: {kind: year-round, summary: 2026-12-31, acceptance: 2026-06-30}"), "tasks[2].deadline.summary: half-year summary 2026-12-31 must come before the acceptance 2026-06-30"),
        Arguments.of("unknown deadline kind", ok.replace("deadline: year-round", "deadline: {kind: quarterly, summary: 2026-06-30, acceptance: 2026-12-31}"), "tasks[2].deadline.kind: 'quarterly' is not a deadline kind"),
        Arguments.of("acceptance missing", ok.replace("deadline: year-round", "deadline: {kind: year-round, summary: 2026-06-30}"), "tasks[2].deadline.acceptance: is required"),
        Arguments.of("bad progress report date", ok.replace("2026-09-20]", "2026-09-31]"), "progressReportDates[2]: '2026-09-31' is not a date"),
        Arguments.of("campaign ends before it starts", ok + "campaigns:\n  - {id: spring, name: 春季攻势, start: 2026-03-31, end: 2026-01-01}\n", "campaigns[0].end: ends 2026-01-01, before its start 2026-03-31"),
        Arguments.of("overlapping campaigns", ok + "campaigns:\n  - {id: spring, name: 春季攻势, start: 2026-01-01, end: 2026-03-31}\n  - {id: summer, name: 夏季提升, start: 2026-03-15, end: 2026-06-30}\n",
            "campaigns[1]: window 2026-03-15..2026-06-30 overlaps campaigns[0] (春季攻势, 2026-01-01..2026-03-31)"),
        Arguments.of("campaign item with unknown unit", ok + "campaigns:\n  - id: spring\n    name: 春季攻势\n    start: 2026-01-01\n    end: 2026-03-31\n    items:\n      - {title: 制定方案, units: [t-nope]}\n",
            "campaigns[0].items[0].units[0]: unknown unit 't-nope'"),
        Arguments.of("supervision without phases or targets", ok + "supervision: {reportDay: 20}\n", "supervision.phases: at least one phase is required"),
        Arguments.of("supervision target of unknown kind", ok + "supervision:\n  phases: [{name: 打歼灭战, start: 2026-02-01, end: 2026-06-30}]\n  targets: [{id: a, name: 甲村, kind: town, leaders: [t-zhang], squadUnit: t-fpb}]\n",
            "supervision.targets[0].kind: 'town' is not one of county, village, resettlement-site, hydropower-resettlement-site"),
        Arguments.of("supervision target with unknown squad unit", ok + "supervision:\n  phases: [{name: 打歼灭战, start: 2026-02-01, end: 2026-06-30}]\n  targets: [{id: a, name: 甲村, kind: village, leaders: [t-zhang], squadUnit: nobody}]\n",
            "supervision.targets[0].squadUnit: unknown unit 'nobody'"),
        Arguments.of("overlapping supervision phases", ok + "supervision:\n  phases: [{name: 甲, start: 2026-01-01, end: 2026-03-31}, {name: 乙, start: 2026-03-01, end: 2026-06-30}]\n  targets: [{id: a, name: 甲村, kind: village, leaders: [t-zhang], squadUnit: t-fpb}]\n",
            "supervision.phases[1].start: 2026-03-01 is not after the previous phase's end 2026-03-31"),
        Arguments.of("figure that is not a number", ok + "supervision:\n  phases: [{name: 甲, start: 2026-01-01, end: 2026-03-31}]\n  targets: [{id: a, name: 甲村, kind: village, figures: {incidence: 很高}, leaders: [t-zhang], squadUnit: t-fpb}]\n",
            "supervision.targets[0].figures.incidence: must be a number, not '很高'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPlans")
  void badPlan_isRejectedWithItsPathAndProblem(String what, String yaml, String expected) {
    assertThatThrownBy(() -> reader.read(yaml))
        .isInstanceOfSatisfying(PlanValidationException.class, e ->
            assertThat(e.errors()).extracting(PlanError::toString).anySatisfy(s -> assertThat(s).startsWith(expected)));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml = TestPlans.plan("many-problems")
        .replace("leadUnits: [t-agri]\n    units: [t-fpb", "leadUnits: [x]\n    units: [t-fpb")
        .replace("deadline: 2026-06-30", "deadline: soon")
        .replace("leadLeaders: [t-li]", "leadLeaders: [nobody]");
    assertThatThrownBy(() -> reader.read(yaml))
        .isInstanceOfSatisfying(PlanValidationException.class, e -> assertThat(e.errors()).extracting(PlanError::toString)
            .containsExactly(
                "tasks[0].leadUnits[0]: unknown unit 'x'",
                "tasks[1].deadline: 'soon' is not a date (YYYY-MM-DD)",
                "tasks[2].leadLeaders[0]: unknown leader 'nobody'"));
  }
}

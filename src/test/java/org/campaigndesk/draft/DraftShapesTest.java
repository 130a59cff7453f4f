package org.campaigndesk.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small synthetic plan documents in shapes the three seeds do not have: a Word table of tasks
 * (任务分工表) with a 责任人 column, a three-year plan, tasks whose owners the document leaves open,
 * other campaign windows, leaders with titles, and items with their assignment block inline.
 */
class DraftShapesTest {

  static DraftResult draftText(String... paragraphs) {
    return PlanDrafter.draft("plan.txt", String.join("\n\n", paragraphs).getBytes(StandardCharsets.UTF_8));
  }

  static DraftPlan.Unit unit(DraftPlan plan, String id) {
    return plan.units().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
  }

  static String unitName(DraftPlan plan, String id) {
    return id.startsWith("@") ? id : unit(plan, id).name();
  }

  static List<String> names(DraftPlan plan, List<String> ids) {
    return ids.stream().map(id -> unitName(plan, id)).toList();
  }

  @Test
  void wordTableOfTasks_withResponsiblePersonColumn() throws Exception {
    byte[] docx = TestDocuments.docx(List.of(
        "云岭县扶贫开发领导小组文件",
        "云扶组发〔2021〕2号",
        "云岭县2021年巩固脱贫成果重点工作任务分工方案",
        "为做好2021年巩固脱贫成果工作，现将重点工作任务分工如下。",
        "附件：重点工作任务分工表",
        new TestDocuments.Table(List.of(
            List.of("序号", "工作任务", "牵头单位", "责任单位", "完成时限", "责任人"),
            List.of("1", "完成剩余贫困人口脱贫。确保年底前完成320户1150人脱贫。", "县扶贫办", "各乡镇（街道）", "2021年12月31日前", "王强（县扶贫办主任）"),
            List.of("2", "饮水安全巩固提升", "县水利局", "县卫生健康局、各乡镇（街道）", "6月底前", "县水利局局长 刘洋 13812345678"),
            List.of("3", "易地搬迁后续扶持", "县发展和改革局", "县人力资源和社会保障局、县人社局，各乡镇（街道）", "全年推进、半年总结、年终验收", "陈静"),
            List.of("4", "消费扶贫专项行动", "", "县商务局、县供销社", "利用3个月时间", ""),
            List.of("5", "防止返贫动态监测帮扶", "", "", "", ""))),
        "云岭县扶贫开发领导小组办公室",
        "2021年3月1日印发"));
    DraftResult result = PlanDrafter.draft("分工表.docx", docx);
    DraftPlan plan = result.plan();

    assertThat(plan.info().title()).isEqualTo("云岭县2021年巩固脱贫成果重点工作任务分工方案");
    assertThat(plan.info().documentNo()).isEqualTo("云扶组发〔2021〕2号");
    assertThat(plan.info().regionId()).isEqualTo("yunling");
    assertThat(plan.tasks()).extracting(DraftPlan.Task::no).containsExactly(1, 2, 3, 4, 5);

    DraftPlan.Task one = plan.tasks().get(0);
    assertThat(one.title()).isEqualTo("完成剩余贫困人口脱贫");
    assertThat(names(plan, one.leadUnits())).containsExactly("县扶贫办");
    assertThat(one.deadline().date()).isEqualTo(LocalDate.of(2021, 12, 31));
    assertThat(one.responsiblePerson()).isEqualTo(new DraftPlan.Person("王强", "县扶贫办主任", null));
    assertThat(one.targets()).anySatisfy(t -> {
      assertThat(t.value()).isEqualTo(1150.0);
      assertThat(t.unit()).isEqualTo("人");
    });
    // the plan lists no township: 各乡镇（街道） becomes one collective unit of kind other
    assertThat(names(plan, one.units())).containsExactly("各乡镇");
    assertThat(plan.units()).filteredOn(u -> u.name().equals("各乡镇")).extracting(DraftPlan.Unit::kind).containsExactly("other");

    DraftPlan.Task two = plan.tasks().get(1);
    assertThat(two.deadline()).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2021, 6, 30), "6月底前"));
    assertThat(two.responsiblePerson()).isEqualTo(new DraftPlan.Person("刘洋", "县水利局局长", "13812345678"));

    DraftPlan.Task three = plan.tasks().get(2);
    assertThat(three.deadline().kind()).isEqualTo("year-round");
    assertThat(three.deadline().summary()).isEqualTo(LocalDate.of(2021, 6, 30));
    assertThat(three.deadline().acceptance()).isEqualTo(LocalDate.of(2021, 12, 31));
    assertThat(names(plan, three.units())).containsExactly("县人力资源和社会保障局", "各乡镇");
    assertThat(unit(plan, three.units().get(0)).aliases()).containsExactly("县人社局");

    DraftPlan.Task four = plan.tasks().get(3);
    assertThat(names(plan, four.leadUnits())).containsExactly("县商务局");
    assertThat(four.deadline().date()).isEqualTo(LocalDate.of(2021, 6, 1));
    assertThat(four.deadline().text()).isEqualTo("利用3个月时间");
    assertThat(result.review()).anySatisfy(r -> {
      assertThat(r.path()).isEqualTo("tasks[3].leadUnits");
      assertThat(r.message()).contains("县商务局");
    });

    DraftPlan.Task five = plan.tasks().get(4);
    assertThat(five.awaitingOwner()).isTrue();
    assertThat(five.deadline()).isNull();
    assertThat(result.draft()).contains("  - no: 5\n    title: 防止返贫动态监测帮扶\n    description: 防止返贫动态监测帮扶\n"
        + "    # 待分解交办: the document names no lead unit; leadUnits, leadLeaders and deadline are left out\n    units: []\n");
    assertThat(result.review()).anySatisfy(r -> assertThat(r.path()).isEqualTo("tasks[4]"));
    assertThat(result.review()).allSatisfy(r -> assertThat(r.sourceLine()).isGreaterThanOrEqualTo(0));
    DraftPlanChecks.assertConsistent(result.draft());
  }

  @Test
  void threeYearPlan_withDeadlinesInDifferentYears() {
    DraftResult result = draftText(
        "安宁县脱贫攻坚领导小组文件",
        "安脱组发〔2018〕7号",
        "安宁县2018—2020年脱贫攻坚三年行动方案",
        "一、主要任务",
        "1. 实施产业扶贫。2018年新建农民专业合作社20个，三年带动3000户贫困户增收。（牵头单位：县农业农村局；责任单位：县财政局、各乡镇）",
        "完成时限：2019年底前",
        "2. 实施危房改造。三年内完成C、D级危房改造1200户。（牵头单位：县住建局；责任单位：各乡镇）",
        "完成时限：三年内",
        "3. 发展村集体经济。（牵头单位：县委组织部；责任单位：县财政局）",
        "完成时限：2020年6月30日",
        "4. 推进教育扶贫。（牵头单位：县教育局；责任单位：各乡镇）",
        "完成时限：全年推进",
        "二、保障措施",
        "各乡镇要加强组织领导。");
    DraftPlan plan = result.plan();
    assertThat(plan.info().multiYear()).isTrue();
    assertThat(plan.info().yearFrom()).isEqualTo(2018);
    assertThat(plan.info().yearTo()).isEqualTo(2020);
    assertThat(result.draft()).contains("  years: {from: 2018, to: 2020}\n").doesNotContain("\n  year: ");
    assertThat(plan.tasks()).extracting(DraftPlan.Task::no).containsExactly(1, 2, 3, 4);
    DraftPlan.Task one = plan.tasks().get(0);
    assertThat(one.title()).isEqualTo("实施产业扶贫");
    assertThat(one.deadline()).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2019, 12, 31), "2019年底前"));
    assertThat(one.year()).isEqualTo(2019);
    assertThat(result.draft()).contains("deadline: {date: 2019-12-31, text: 2019年底前}");
    assertThat(plan.tasks().get(1).deadline()).isEqualTo(DraftPlan.Deadline.span("三年内"));
    assertThat(result.draft()).contains("deadline: {kind: span, text: 三年内}");
    assertThat(plan.tasks().get(2).deadline().date()).isEqualTo(LocalDate.of(2020, 6, 30));
    assertThat(plan.tasks().get(2).year()).isEqualTo(2020);
    assertThat(plan.tasks().get(3).deadline()).isEqualTo(DraftPlan.Deadline.yearRound(2020));
    assertThat(result.draft()).contains("deadline: {kind: year-round, year: 2020}");
    DraftPlanChecks.assertConsistent(result.draft());
  }

  @Test
  void keyTasksWithoutOwners_awaitAssignment() {
    DraftResult result = draftText(
        "宁洱县2021年巩固拓展脱贫攻坚成果工作要点",
        "一、重点任务",
        "（一）抓好防止返贫监测。对脱贫不稳定户、边缘易致贫户开展常态化监测，做到早发现、早干预、早帮扶。",
        "（二）推进产业帮扶。每个脱贫村至少培育1个主导产业，带动500户脱贫户增收。",
        "（三）稳定务工就业。全年转移就业脱贫劳动力8000人以上。",
        "二、工作要求",
        "各项任务由县巩固办分解交办，明确责任单位、责任领导和完成时限。");
    DraftPlan plan = result.plan();
    assertThat(plan.tasks()).hasSize(3);
    assertThat(plan.tasks()).allSatisfy(t -> {
      assertThat(t.awaitingOwner()).isTrue();
      assertThat(t.deadline()).isNull();
      assertThat(t.leadLeaders()).isEmpty();
    });
    assertThat(plan.tasks().get(0).title()).isEqualTo("抓好防止返贫监测");
    assertThat(result.draft()).doesNotContain("\n    leadUnits:").doesNotContain("\n    deadline:");
    assertThat(result.review()).filteredOn(r -> r.message().contains("待分解交办")).hasSize(3);
    assertThat(plan.tasks().get(2).targets()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo(8000.0));
    // the document names no unit at all: the draft says so, and so do the checks
    assertThat(result.review()).anySatisfy(r -> assertThat(r.message()).contains("未找到任何单位"));
    assertThat(PlanFileChecks.check(result.draft())).extracting(PlanFileChecks.Problem::path).containsExactly("units");
  }

  @Test
  void mixedOwnership_theItemWithoutAssignmentAwaitsAnOwner() {
    DraftResult result = draftText(
        "峨山县2021年扶贫开发工作计划",
        "一、重点工作",
        "（一）产业扶贫工程。发展特色产业。",
        "牵头责任领导：普文华（县委副书记）",
        "牵头责任单位：县农业农村局",
        "责任单位：各乡镇党委、政府",
        "完成时限：2021年10月30日前",
        "（二）人居环境提升工程。开展村庄清洁行动。",
        "（三）社会扶贫工程。开展万企帮万村行动。",
        "牵头责任领导：县委常委、副县长李建新",
        "牵头责任单位：县委统战部",
        "完成时限：年底前",
        "责任人：王强（县委统战部副部长）");
    DraftPlan plan = result.plan();
    assertThat(plan.tasks()).extracting(DraftPlan.Task::no).containsExactly(1, 2, 3);
    assertThat(plan.tasks().get(1).awaitingOwner()).isTrue();
    assertThat(plan.tasks().get(2).deadline()).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2021, 12, 31), "年底前"));
    assertThat(plan.tasks().get(2).responsiblePerson()).isEqualTo(new DraftPlan.Person("王强", "县委统战部副部长", null));
    assertThat(result.draft()).contains("    responsiblePerson: {name: 王强, title: 县委统战部副部长}\n");
    assertThat(plan.leaders()).containsExactly(
        new DraftPlan.Leader("puwenhua", "普文华", "县委副书记"),
        new DraftPlan.Leader("lijianxin", "李建新", "县委常委、副县长"));
    DraftPlanChecks.assertConsistent(result.draft());
  }

  @Test
  void campaignsWithOtherWindows_andTheUnitsTheirItemsName() {
    DraftResult result = draftText(
        "景谷县2021年扶贫开发工作计划",
        "一、重点工作分解",
        "（一）产业扶贫工程。发展特色产业。",
        "牵头责任单位：县农业农村局",
        "责任单位：各乡镇党委、政府",
        "完成时限：2021年10月30日前",
        "二、时间安排",
        "2021年，在全县开展春季攻势行动（2月至4月）、夏季提升行动（5月—7月）、秋季巩固行动（8—10月）、冬季决战行动（11月至次年2月）。",
        "（一）春季攻势行动主要内容：一是各乡镇完成返贫监测排查；二是县农业农村局组织春耕生产；三是县扶贫办和各乡镇开展政策宣讲。",
        "（二）夏季提升行动主要内容：一是各挂包单位盘清帮扶措施落实情况；二是完成危房改造。",
        "（三）秋季巩固行动（8月至10月）主要内容：一是开展扶贫日活动。",
        "（四）冬季决战行动主要内容：一是县级各部门和各乡镇上报全年工作报告。",
        "威远镇、永平镇要率先完成。");
    DraftPlan plan = result.plan();
    assertThat(plan.campaigns()).extracting(DraftPlan.Campaign::id).containsExactly("spring", "summer", "autumn", "winter");
    assertThat(plan.campaigns()).extracting(DraftPlan.Campaign::start).containsExactly(
        LocalDate.of(2021, 2, 1), LocalDate.of(2021, 5, 1), LocalDate.of(2021, 8, 1), LocalDate.of(2021, 11, 1));
    assertThat(plan.campaigns()).extracting(DraftPlan.Campaign::end).containsExactly(
        LocalDate.of(2021, 4, 30), LocalDate.of(2021, 7, 31), LocalDate.of(2021, 10, 31), LocalDate.of(2022, 2, 28));
    List<DraftPlan.Item> spring = plan.campaigns().get(0).items();
    assertThat(spring).extracting(DraftPlan.Item::title)
        .containsExactly("各乡镇完成返贫监测排查", "县农业农村局组织春耕生产", "县扶贫办和各乡镇开展政策宣讲");
    assertThat(names(plan, spring.get(0).units())).containsExactly("@townships");
    assertThat(names(plan, spring.get(1).units())).containsExactly("县农业农村局");
    assertThat(names(plan, spring.get(2).units())).containsExactly("县扶贫办", "@townships");
    assertThat(names(plan, plan.campaigns().get(1).items().get(0).units())).containsExactly("各挂包单位");
    assertThat(plan.campaigns().get(1).items().get(1).units()).isEmpty();
    assertThat(result.review()).anySatisfy(r -> assertThat(r.path()).isEqualTo("campaigns[1].items[1].units"));
    assertThat(names(plan, plan.campaigns().get(3).items().get(0).units())).containsExactly("@departments", "@townships");
    assertThat(plan.units()).extracting(DraftPlan.Unit::name).contains("威远镇", "永平镇");
    DraftPlanChecks.assertConsistent(result.draft());
  }

  @Test
  void phasesGivenAsAWindowSentence_becomeCampaignsWithoutItems() {
    DraftResult result = draftText(
        "镇沅县2020年脱贫攻坚挂牌督战实施方案",
        "一、时间安排",
        "围绕1至2月组织启动，3至6月打歼灭战，7至12月巩固提升，全面完成脱贫攻坚任务。",
        "二、重点工作",
        "1. 剩余贫困人口清零。（牵头单位：县扶贫办；责任单位：各乡镇）完成时限：6月底前");
    DraftPlan plan = result.plan();
    assertThat(plan.campaigns()).extracting(DraftPlan.Campaign::name).containsExactly("组织启动", "打歼灭战", "巩固提升");
    assertThat(plan.campaigns()).extracting(DraftPlan.Campaign::end)
        .containsExactly(LocalDate.of(2020, 2, 29), LocalDate.of(2020, 6, 30), LocalDate.of(2020, 12, 31));
    assertThat(plan.tasks()).singleElement().satisfies(t -> {
      assertThat(t.deadline().date()).isEqualTo(LocalDate.of(2020, 6, 30));
      assertThat(t.leadUnits()).hasSize(1);
    });
    DraftPlanChecks.assertConsistent(result.draft());
  }

  @Test
  void campaignItemsAsNumberedParagraphs_andAWordTableWithMergedCells() throws Exception {
    org.apache.poi.xwpf.usermodel.XWPFDocument word = new org.apache.poi.xwpf.usermodel.XWPFDocument();
    for (String text : List.of("墨江县2021年扶贫开发工作计划", "一、时间安排",
        "（一）春季攻势行动（3月至5月）", "1. 各乡镇完成动态监测排查。", "2. 县农业农村局组织春耕生产。",
        "（二）秋季巩固行动（9月至11月）", "1. 县扶贫办开展成效考核。", "二、任务分工表")) {
      word.createParagraph().createRun().setText(text);
    }
    org.apache.poi.xwpf.usermodel.XWPFTable table = word.createTable(4, 5);
    String[][] cells = {
        {"序号", "重点任务", "牵头单位", "配合单位", "时间要求"},
        {"1", "产业扶贫", "县农业农村局", "县财政局、各乡镇", "全年推进"},
        {"2", "就业扶贫", "", "县人社局", "年底前"},
        {"3", "健康扶贫", "县卫生健康局", "县医保局", "11月底前"}};
    for (int r = 0; r < cells.length; r++) {
      for (int c = 0; c < cells[r].length; c++) {
        table.getRow(r).getCell(c).setText(cells[r][c]);
      }
    }
    // 牵头单位 of rows 1 and 2 is one merged cell: Word keeps the text in the first
    table.getRow(1).getCell(2).getCTTc().addNewTcPr().addNewVMerge().setVal(
        org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge.RESTART);
    table.getRow(2).getCell(2).getCTTc().addNewTcPr().addNewVMerge();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    word.write(out);
    word.close();
    DraftPlan plan = PlanDrafter.draft("墨江.docx", out.toByteArray()).plan();

    assertThat(plan.campaigns()).extracting(DraftPlan.Campaign::name).containsExactly("春季攻势行动", "秋季巩固行动");
    assertThat(plan.campaigns().get(0).end()).isEqualTo(LocalDate.of(2021, 5, 31));
    assertThat(plan.campaigns().get(0).items()).extracting(DraftPlan.Item::title)
        .containsExactly("各乡镇完成动态监测排查", "县农业农村局组织春耕生产");
    assertThat(names(plan, plan.campaigns().get(0).items().get(1).units())).containsExactly("县农业农村局");
    assertThat(plan.tasks()).extracting(DraftPlan.Task::title).containsExactly("产业扶贫", "就业扶贫", "健康扶贫");
    assertThat(names(plan, plan.tasks().get(1).leadUnits())).as("merged cell").containsExactly("县农业农村局");
    assertThat(plan.tasks().get(2).deadline().date()).isEqualTo(LocalDate.of(2021, 11, 30));
  }

  @Test
  void labelsAfterTheItemsText_leadMarkedInTheList_yearSections_andTheSignatureAtTheEnd() {
    DraftResult result = draftText(
        "新平县2019—2020年巩固脱贫成果行动方案",
        "一、主要任务",
        "（一）2019年重点任务",
        "1. 产业扶贫。发展特色产业，带动800户增收。牵头单位：县农业农村局；配合单位：县林草局、各乡镇；完成时限：年底前。",
        "2. 饮水安全。责任单位：县水务局（牵头）、县卫生健康局、各乡镇；完成时限：2019年6月。",
        "（二）2020年重点任务",
        "1. 巩固提升。牵头单位：县扶贫办；责任单位：各乡镇；完成时限：6月底前。",
        "戛洒镇、水塘镇要率先完成。",
        "新平县扶贫开发领导小组办公室",
        "2019年1月15日");
    DraftPlan plan = result.plan();
    assertThat(plan.info().issued()).isEqualTo(LocalDate.of(2019, 1, 15));
    assertThat(plan.info().issuer()).isEqualTo("新平县扶贫开发领导小组办公室");
    assertThat(plan.tasks()).extracting(DraftPlan.Task::title).containsExactly("产业扶贫", "饮水安全", "巩固提升");
    assertThat(plan.tasks()).extracting(DraftPlan.Task::no).containsExactly(1, 2, 3);
    assertThat(result.review()).anySatisfy(r -> assertThat(r.message()).contains("重新编号"));
    DraftPlan.Task one = plan.tasks().get(0);
    assertThat(one.description()).isEqualTo("发展特色产业，带动800户增收。");
    assertThat(names(plan, one.leadUnits())).containsExactly("县农业农村局");
    assertThat(names(plan, one.units())).containsExactly("县林草局", "@townships");
    assertThat(one.deadline().date()).as("年底前 in the 2019 section").isEqualTo(LocalDate.of(2019, 12, 31));
    assertThat(one.year()).isEqualTo(2019);
    DraftPlan.Task two = plan.tasks().get(1);
    assertThat(names(plan, two.leadUnits())).as("（牵头） in the list").containsExactly("县水务局");
    assertThat(names(plan, two.units())).containsExactly("县卫生健康局", "@townships");
    assertThat(two.deadline().date()).isEqualTo(LocalDate.of(2019, 6, 30));
    assertThat(plan.tasks().get(2).deadline().date()).as("6月底前 in the 2020 section").isEqualTo(LocalDate.of(2020, 6, 30));
    DraftPlanChecks.assertConsistent(result.draft());
  }

  @Test
  void wordTableWithAContentColumnAndSectionRows() throws Exception {
    byte[] docx = TestDocuments.docx(List.of(
        "元江县2021年乡村振兴重点工作任务清单",
        new TestDocuments.Table(List.of(
            List.of("序号", "重点任务", "具体内容", "责任领导", "牵头单位", "配合单位", "完成时限"),
            List.of("", "一、产业发展", "", "", "", "", ""),
            List.of("1", "特色产业培育", "新建芒果基地2000亩，带动300户增收。", "县委常委、副县长 王林", "县农业农村局", "各乡镇", "2021年9月"),
            List.of("", "二、基础设施", "", "", "", "", ""),
            List.of("2", "农村公路提升", "完成村组道路硬化50公里。", "", "县交通运输局", "县财政局", "年底前")))));
    DraftPlan plan = PlanDrafter.draft("清单.docx", docx).plan();
    assertThat(plan.tasks()).extracting(DraftPlan.Task::no).containsExactly(1, 2);
    DraftPlan.Task one = plan.tasks().get(0);
    assertThat(one.title()).isEqualTo("特色产业培育");
    assertThat(one.description()).isEqualTo("新建芒果基地2000亩，带动300户增收。");
    assertThat(one.deadline().date()).isEqualTo(LocalDate.of(2021, 9, 30));
    assertThat(plan.leaders()).containsExactly(new DraftPlan.Leader("wanglin", "王林", "县委常委、副县长"));
    assertThat(one.targets()).extracting(DraftPlan.Target::value).containsExactly(2000.0, 300.0);
    assertThat(plan.tasks().get(1).targets()).singleElement().satisfies(t -> assertThat(t.unit()).isEqualTo("公里"));
  }

  /** An invented document in the shape of a county's three-year action plan (src/test/resources/draft/shapes). */
  @Test
  void threeYearActionPlan_titledWithItsSpan_linesOfWorkNamedActionsAreTasksNotCampaigns() throws Exception {
    DraftResult result = draftText(java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/draft/shapes/three-year-action-plan.txt")));
    DraftPlan plan = result.plan();
    assertThat(plan.info().title()).isEqualTo("华宁县打赢脱贫攻坚战三年行动实施方案（2018—2020年）");
    assertThat(plan.info().yearFrom()).isEqualTo(2018);
    assertThat(plan.info().yearTo()).isEqualTo(2020);
    assertThat(plan.info().issuer()).isEqualTo("中共华宁县委办公室、华宁县人民政府办公室");
    assertThat(plan.campaigns()).as("（一）实施产业扶贫行动。一是… is a task, not a time box").isEmpty();
    assertThat(plan.tasks()).extracting(DraftPlan.Task::title)
        .containsExactly("实施产业扶贫行动", "实施就业扶贫行动", "实施易地扶贫搬迁行动", "实施教育扶贫行动");
    assertThat(plan.tasks()).extracting(DraftPlan.Task::year).containsExactly(2020, 2020, 2019, null);
    assertThat(plan.tasks().get(1).deadline()).isEqualTo(DraftPlan.Deadline.yearRound(2020));
    assertThat(names(plan, plan.tasks().get(2).units())).containsExactly("县自然资源局", "县住建局", "华溪镇", "宁州街道", "盘溪镇");
    assertThat(plan.units()).filteredOn(u -> u.name().equals("宁州街道")).extracting(DraftPlan.Unit::kind).containsExactly("township");
    DraftPlanChecks.assertConsistent(result.draft());
  }
}

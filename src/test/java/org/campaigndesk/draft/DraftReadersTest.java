package org.campaigndesk.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Word, PDF and text readers give the drafter the same plan, whatever the file format. */
class DraftReadersTest {

  static final List<String> SMALL_PLAN = List.of(
      "示例县扶贫开发领导小组文件",
      "示扶组发〔2021〕5号",
      "关于印发《示例县2021年巩固脱贫成果工作计划》的通知",
      "各乡镇党委、政府，县级各部门：",
      "现将《示例县2021年巩固脱贫成果工作计划》印发给你们，请认真抓好贯彻落实。",
      "示例县扶贫开发领导小组",
      "2021年2月20日",
      "示例县2021年巩固脱贫成果工作计划",
      "一、重点工作分解",
      "（一）产业发展提升工程。加大产业扶贫资金投入，确保扶贫资金总额的30%以上用于产业扶贫，带动1200户贫困户增收，让贫困群众在产业发展中促增收、得实惠。",
      "牵头责任领导：张建国",
      "牵头责任单位：县农业农村局",
      "责任单位：县财政局、县扶贫办，各乡镇党委、政府",
      "完成时限：2021年10月31日前",
      "（二）饮水安全巩固工程。全面核查饮水安全情况，规范农村饮水管理。",
      "牵头责任领导：李明华、张建国",
      "牵头责任单位：县水务局",
      "责任单位：各乡镇党委、政府",
      "完成时限：6月底前",
      "二、有关要求",
      "各乡镇要结合实际，认真组织实施。东山镇、西河乡要率先完成饮水安全核查。");

  static void assertSmallPlan(DraftResult result) {
    DraftPlan plan = result.plan();
    assertThat(plan.info().title()).isEqualTo("示例县2021年巩固脱贫成果工作计划");
    assertThat(plan.info().documentNo()).isEqualTo("示扶组发〔2021〕5号");
    assertThat(plan.info().issuer()).isEqualTo("示例县扶贫开发领导小组");
    assertThat(plan.info().issued()).hasToString("2021-02-20");
    assertThat(plan.info().year()).isEqualTo(2021);
    assertThat(plan.info().regionName()).isEqualTo("示例县");
    assertThat(plan.tasks()).extracting(DraftPlan.Task::no).containsExactly(1, 2);
    DraftPlan.Task first = plan.tasks().get(0);
    assertThat(first.title()).isEqualTo("产业发展提升工程");
    assertThat(first.description()).startsWith("加大产业扶贫资金投入").endsWith("得实惠。");
    assertThat(first.deadline().date()).hasToString("2021-10-31");
    assertThat(first.units()).contains("@townships");
    assertThat(first.targets()).extracting(DraftPlan.Target::unit).contains("%", "户");
    assertThat(plan.tasks().get(1).deadline().date()).hasToString("2021-06-30");
    assertThat(plan.tasks().get(1).leadLeaders()).hasSize(2);
    assertThat(plan.units()).extracting(DraftPlan.Unit::name)
        .contains("县农业农村局", "县财政局", "县扶贫办", "县水务局", "东山镇", "西河乡");
    assertThat(plan.leaders()).extracting(DraftPlan.Leader::name).containsExactly("张建国", "李明华");
  }

  @Test
  void text() {
    byte[] bytes = String.join("\n\n", SMALL_PLAN).getBytes(StandardCharsets.UTF_8);
    assertSmallPlan(PlanDrafter.draft("plan.txt", bytes));
  }

  @Test
  void textInGb18030() {
    byte[] bytes = String.join("\n", SMALL_PLAN).getBytes(java.nio.charset.Charset.forName("GB18030"));
    assertSmallPlan(PlanDrafter.draft("plan.txt", bytes));
  }

  @Test
  void wordDocument() throws Exception {
    byte[] docx = TestDocuments.docx(List.copyOf(SMALL_PLAN));
    assertSmallPlan(PlanDrafter.draft("plan.docx", docx));
  }

  @Test
  void pdfTextLayer_withParagraphsBrokenIntoLines() throws Exception {
    byte[] pdf = TestDocuments.pdf(SMALL_PLAN, 36);
    SourceDocument read = DocumentReaders.read("plan.pdf", pdf);
    assertThat(read.lines()).extracting(SourceLine::text).anyMatch(l -> l.contains("禄") || l.contains("产业发展提升工程"));
    assertSmallPlan(PlanDrafter.draft("plan.pdf", pdf));
  }

  @Test
  void oldWordFormatIsRefusedWithAReason() {
    assertThatThrownBy(() -> PlanDrafter.draft("plan.doc", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 1, 2}))
        .isInstanceOf(UnreadableDocumentException.class).hasMessageContaining(".docx");
  }

  /**
   * The seed documents printed to PDF (36 characters a line, as on an A4 page) draft as their text
   * does. Not Chuxiong: its annex is a table, and tables do not survive in a PDF's text layer.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"lufeng-2020-plan.txt", "benxi-2019-consolidation.txt"})
  void seedAsPdf_draftsLikeItsText(String seed) throws Exception {
    byte[] text;
    try (java.io.InputStream in = getClass().getResourceAsStream("/draft/seeds/" + seed)) {
      text = in.readAllBytes();
    }
    List<String> paragraphs = new String(text, StandardCharsets.UTF_8).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    String fromPdf = PlanDrafter.draft("seed", TestDocuments.pdf(paragraphs, 36)).draft();
    String fromText = PlanDrafter.draft("seed", text).draft();
    // a PDF loses the spaces at line ends ("30% 以上" broken after "30%"): compare without whitespace
    assertThat(fromPdf.replaceAll("[ \\t]+", "")).isEqualTo(fromText.replaceAll("[ \\t]+", ""));
  }
}

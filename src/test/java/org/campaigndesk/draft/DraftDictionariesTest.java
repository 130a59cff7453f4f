package org.campaigndesk.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dictionaries the drafter's rules use: numerals, numbering, date phrases, unit names, people, pinyin ids. */
class DraftDictionariesTest {

  static final DraftPlan.Info YEAR_2020 = new DraftPlan.Info("x-2020", "t", null, null, LocalDate.of(2020, 3, 6),
      2020, null, null, null, null);
  static final DraftPlan.Info YEARS_2018_2020 = new DraftPlan.Info("x-2018-2020", "t", null, null, null,
      null, 2018, 2020, null, null);

  static DraftPlan.Deadline deadline(String text, DraftPlan.Info info) {
    DatePhrases.Parsed parsed = DatePhrases.deadline(text, info);
    return parsed == null ? null : parsed.deadline();
  }

  @Test
  void chineseNumerals() {
    assertThat(ChineseNumerals.parse("三")).isEqualTo(3);
    assertThat(ChineseNumerals.parse("十")).isEqualTo(10);
    assertThat(ChineseNumerals.parse("十四")).isEqualTo(14);
    assertThat(ChineseNumerals.parse("二十")).isEqualTo(20);
    assertThat(ChineseNumerals.parse("二十三")).isEqualTo(23);
    assertThat(ChineseNumerals.parse("两")).isEqualTo(2);
    assertThat(ChineseNumerals.parse("12")).isEqualTo(12);
    assertThat(ChineseNumerals.parse("第")).isEqualTo(-1);
  }

  @Test
  void numberingMarkers() {
    assertThat(Marker.of("一、指导思想").kind()).isEqualTo(Marker.Kind.CHAPTER);
    assertThat(Marker.of("（十二）基础设施建设提升工程。").number()).isEqualTo(12);
    assertThat(Marker.of("(五) 易地扶贫搬迁").kind()).isEqualTo(Marker.Kind.SECTION);
    assertThat(Marker.of("3. 开展脱贫质量").kind()).isEqualTo(Marker.Kind.ITEM);
    assertThat(Marker.of("10.十月份").number()).isEqualTo(10);
    assertThat(Marker.of("（4）2019年上半年").kind()).isEqualTo(Marker.Kind.SUB_ITEM);
    assertThat(Marker.of("——3月底前，").kind()).isEqualTo(Marker.Kind.DASH);
    assertThat(Marker.of("一、二、三产融合发展")).as("a list of numerals is text").isNull();
    assertThat(Marker.of("2020 年是全面建成小康社会目标实现之年")).as("a year is no item number").isNull();
    assertThat(Marker.of("500名贫困劳动力就业")).isNull();
  }

  @Test
  void deadlinePhrases() {
    assertThat(deadline("2020 年 10 月 30 日前", YEAR_2020)).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2020, 10, 30), null));
    assertThat(deadline("4月15日前。", YEAR_2020)).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2020, 4, 15), null));
    assertThat(deadline("6月底前", YEAR_2020)).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2020, 6, 30), "6月底前"));
    assertThat(deadline("年底前", YEAR_2020)).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2020, 12, 31), "年底前"));
    assertThat(deadline("全年推进", YEAR_2020)).isEqualTo(DraftPlan.Deadline.yearRound(null));
    assertThat(deadline("全年推进、半年总结、年终验收。", YEAR_2020)).isEqualTo(new DraftPlan.Deadline("year-round", null, null, null,
        LocalDate.of(2020, 6, 30), LocalDate.of(2020, 12, 31)));
    assertThat(deadline("利用3个月时间", YEAR_2020)).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2020, 6, 6), "利用3个月时间"));
    assertThat(deadline("用六个月的时间", YEAR_2020).date()).isEqualTo(LocalDate.of(2020, 9, 6));
    assertThat(deadline("每月20日前", YEAR_2020).kind()).isEqualTo("year-round");
    assertThat(deadline("上半年", YEAR_2020).date()).isEqualTo(LocalDate.of(2020, 6, 30));
    assertThat(deadline("待定", YEAR_2020)).isNull();
    // multi-year plans
    assertThat(deadline("2019年底前", YEARS_2018_2020)).isEqualTo(DraftPlan.Deadline.date(LocalDate.of(2019, 12, 31), "2019年底前"));
    assertThat(deadline("三年内", YEARS_2018_2020)).isEqualTo(DraftPlan.Deadline.span("三年内"));
    assertThat(deadline("2018—2020年", YEARS_2018_2020).kind()).isEqualTo("span");
    assertThat(deadline("全年推进", YEARS_2018_2020)).isEqualTo(DraftPlan.Deadline.yearRound(2020));
  }

  @Test
  void windows() {
    assertThat(DatePhrases.window("1月—3月", 2020)).satisfies(w -> {
      assertThat(w.start()).isEqualTo(LocalDate.of(2020, 1, 1));
      assertThat(w.end()).isEqualTo(LocalDate.of(2020, 3, 31));
    });
    assertThat(DatePhrases.window("10月—次年1月", 2020).end()).isEqualTo(LocalDate.of(2021, 1, 31));
    assertThat(DatePhrases.window("2月至4月", 2021).end()).isEqualTo(LocalDate.of(2021, 4, 30));
    assertThat(DatePhrases.window("1至2月", 2020).end()).isEqualTo(LocalDate.of(2020, 2, 29));
    assertThat(DatePhrases.window("11月至次年2月", 2021).end()).isEqualTo(LocalDate.of(2022, 2, 28));
    assertThat(DatePhrases.window("2月1日至6月30日", 2020).start()).isEqualTo(LocalDate.of(2020, 2, 1));
    assertThat(DatePhrases.window("1月份", 2020).end()).isEqualTo(LocalDate.of(2020, 1, 31));
  }

  @Test
  void unitLists_collectivesAndKinds() {
    assertThat(UnitNames.split("县财政局、县扶贫办，各乡镇党委、政府")).containsExactly("县财政局", "县扶贫办", "各乡镇");
    assertThat(UnitNames.split("县扶贫办、县委、县政府督查室")).containsExactly("县扶贫办", "县委督查室", "县政府督查室");
    assertThat(UnitNames.split("县统计局，以及领导小组其他成员单位")).containsExactly("县统计局", "领导小组其他成员单位");
    assertThat(UnitNames.split("各乡镇观音阁办事处")).containsExactly("各乡镇", "观音阁办事处");
    assertThat(UnitNames.token("各乡镇")).isEqualTo("@townships");
    assertThat(UnitNames.token("各乡（镇）")).isEqualTo("@townships");
    assertThat(UnitNames.token("各乡镇（街道）")).isEqualTo("@townships");
    assertThat(UnitNames.token("县直相关部门")).isEqualTo("@departments");
    assertThat(UnitNames.token("县级各部门")).isEqualTo("@departments");
    assertThat(UnitNames.token("县直各有关单位")).isEqualTo("@departments");
    assertThat(UnitNames.token("各挂包单位")).isNull();
    assertThat(UnitNames.token("县财政局")).isNull();
    assertThat(UnitNames.kind("金山镇")).isEqualTo("township");
    assertThat(UnitNames.kind("中村乡")).isEqualTo("township");
    assertThat(UnitNames.kind("观音阁街道办事处")).isEqualTo("township");
    assertThat(UnitNames.kind("县农业农村局")).isEqualTo("department");
    assertThat(UnitNames.kind("县融媒体中心")).isEqualTo("department");
    assertThat(UnitNames.kind("团县委")).isEqualTo("department");
    assertThat(UnitNames.kind("各挂包单位")).isEqualTo("other");
    assertThat(UnitNames.kind("中国人民银行禄丰县支行")).isEqualTo("other");
    assertThat(UnitNames.kind("州生态环境局禄丰分局")).isEqualTo("other");
    assertThat(UnitNames.kind("县扶贫开发领导小组成员单位")).isEqualTo("other");
  }

  @Test
  void spellingsOfOneOrganisation() {
    assertThat(UnitNames.sameOrganisation("县扶贫办", "县扶贫开发领导小组办公室")).isTrue();
    assertThat(UnitNames.sameOrganisation("县人力资源和社会保障局", "县人力资源社会保障局")).isTrue();
    assertThat(UnitNames.sameOrganisation("县发展改革局", "县发改局")).isTrue();
    assertThat(UnitNames.sameOrganisation("县市场监管局", "县市场监督管理局")).isTrue();
    assertThat(UnitNames.sameOrganisation("县财政局", "财政局")).isTrue();
    assertThat(UnitNames.sameOrganisation("观音阁街道办事处", "观音阁办事处")).isTrue();
    assertThat(UnitNames.sameOrganisation("县委组织部", "县委宣传部")).isFalse();
    assertThat(UnitNames.sameOrganisation("县水务局", "县税务局")).isFalse();
    assertThat(UnitNames.sameOrganisation("县民政局", "县民族宗教局")).isFalse();
    assertThat(UnitNames.sameOrganisation("县委督查室", "县政府督查室")).isFalse();
    assertThat(UnitNames.sameOrganisation("县扶贫办", "县扶贫开发领导小组成员单位")).isFalse();
  }

  @Test
  void people() {
    assertThat(PersonNames.people("邝华然（县委副书记）、县委常委、副县长张三")).containsExactly(
        new DraftPlan.Person("邝华然", "县委副书记", null), new DraftPlan.Person("张三", "县委常委、副县长", null));
    assertThat(PersonNames.people("潘红伟 杨 虹")).extracting(DraftPlan.Person::name).containsExactly("潘红伟", "杨虹");
    assertThat(PersonNames.people("周晓红、朱国相")).extracting(DraftPlan.Person::name).containsExactly("周晓红", "朱国相");
    assertThat(PersonNames.person("县水利局局长 刘洋 13812345678")).isEqualTo(new DraftPlan.Person("刘洋", "县水利局局长", "13812345678"));
  }

  @Test
  void idsFromPinyin_shortAndStable() {
    assertThat(Pinyin.full("邝华然")).isEqualTo("kuanghuaran");
    assertThat(Pinyin.name("曾长江")).as("surname and given-name readings").isEqualTo("zengchangjiang");
    assertThat(Pinyin.name("单朝阳")).isEqualTo("shanchaoyang");
    assertThat(Pinyin.initials("扶贫办")).isEqualTo("fpb");
    UnitDirectory units = new UnitDirectory("lf", Set.of());
    assertThat(units.resolve("县扶贫办", 1)).isEqualTo("lf-fpb");
    assertThat(units.resolve("金山镇", 2)).isEqualTo("lf-jinshan");
    assertThat(units.resolve("县商务局", 3)).isEqualTo("lf-swj");
    assertThat(units.resolve("县水务局", 4)).isEqualTo("lf-shuiwj");
    assertThat(units.resolve("县扶贫开发领导小组办公室", 5)).as("a second spelling is the same unit").isEqualTo("lf-fpb");
    assertThat(units.unit("lf-fpb").build().aliases()).containsExactly("县扶贫开发领导小组办公室");
    assertThat(new UnitDirectory("lf", Set.of()).resolve("县扶贫办", 9)).as("same name, same id").isEqualTo("lf-fpb");
    assertThat(HeaderExtractor.regionCore("本溪满族自治县")).isEqualTo("本溪");
    assertThat(HeaderExtractor.regionCore("楚雄彝族自治州")).isEqualTo("楚雄");
  }

  @Test
  void yamlScalarsArePlainWhereSafe() throws Exception {
    assertThat(YamlText.scalar("县农业农村局")).isEqualTo("县农业农村局");
    assertThat(YamlText.scalar("no")).isEqualTo("\"no\"");
    assertThat(YamlText.scalar("2020-06-30")).isEqualTo("\"2020-06-30\"");
    assertThat(YamlText.scalar("@townships")).isEqualTo("\"@townships\"");
    assertThat(YamlText.scalar("a: b")).isEqualTo("\"a: b\"");
    assertThat(YamlText.scalar("短板,6月底")).isEqualTo("短板,6月底");
    assertThat(YamlText.flowScalar("短板,6月底")).isEqualTo("\"短板,6月底\"");
    String yaml = "x: {text: " + YamlText.flowScalar("完成[1]项,{2}") + "}";
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
        .readTree(yaml).get("x").get("text").asText()).isEqualTo("完成[1]项,{2}");
  }
}

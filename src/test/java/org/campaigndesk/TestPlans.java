package org.campaigndesk;

/** Small plans for tests: two departments that lead, one that contributes, two townships. */
public final class TestPlans {

  private TestPlans() {}

  /** As bench/province.sh makes its counties: the Lufeng plan, dated {@code year}, in a county of its own. */
  public static String county(String regionId, String planId, int year) throws java.io.IOException {
    return java.nio.file.Files.readString(java.nio.file.Path.of("plans/lufeng-2020.yaml"), java.nio.charset.StandardCharsets.UTF_8)
        .replace("  id: lufeng-2020\n", "  id: " + planId + "\n")
        .replace("  region: {id: lufeng, name: 禄丰县}\n", "  region: {id: " + regionId + ", name: 基准县" + regionId + "}\n")
        .replace("2020-", year + "-").replace("year: 2020", "year: " + year).replace("2021-", (year + 1) + "-");
  }

  public static String plan(String planId) {
    return """
        plan:
          id: %s
          title: 测试县2026年扶贫开发工作计划
          issuer: 测试县扶贫开发领导小组
          documentNo: 测扶组发〔2026〕1号
          year: 2026
        units:
          - {id: t-agri, name: 测试县农业农村局, kind: department, email: t-agri@test.example.org}
          - {id: t-water, name: 测试县水务局, kind: department, email: t-water@test.example.org}
          - {id: t-fpb, name: 测试县扶贫办, kind: department, email: t-fpb@test.example.org}
          - {id: t-town1, name: 甲镇, kind: township, email: t-town1@test.example.org}
          - {id: t-town2, name: 乙乡, kind: township}
        leaders:
          - {id: t-zhang, name: 张三, email: t-zhang@test.example.org}
          - {id: t-li, name: 李四}
        tasks:
          - no: 1
            title: 产业扶贫成效提升工程
            description: 加大产业扶贫资金投入。
            leadLeaders: [t-zhang]
            leadUnits: [t-agri]
            units: [t-fpb, "@townships"]
            deadline: 2026-10-30
          - no: 2
            title: 饮水安全保障工程
            leadLeaders: [t-zhang, t-li]
            leadUnits: [t-water, t-fpb]
            units: ["@townships"]
            deadline: 2026-06-30
          - no: 3
            title: 党建扶贫双推进提升工程
            leadLeaders: [t-li]
            leadUnits: [t-agri]
            deadline: year-round
          - no: 4
            title: 金融扶贫风险防范工程
            leadUnits: [t-fpb]
            units: [t-town1]
            deadline: {kind: year-round, summary: 2026-06-30, acceptance: 2026-12-31}
        progressReportDates: [2026-03-20, 2026-06-20, 2026-09-20]
        """.formatted(planId);
  }

  /**
   * The test plan with ids prefixed {@code prefix-} instead of {@code t-}, moved into {@code year},
   * key task 1 due at the year's end: for tests on the real clock (the browser's today).
   */
  public static String inYear(String planId, String prefix, int year) {
    return plan(planId).replace("t-", prefix + "-").replace("year: 2026", "year: " + year)
        .replace("deadline: 2026-10-30", "deadline: " + year + "-12-31").replace("2026-", year + "-");
  }
}

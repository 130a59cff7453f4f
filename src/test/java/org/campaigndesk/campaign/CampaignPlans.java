package org.campaigndesk.campaign;

import org.campaigndesk.TestPlans;

/** The test plan with four campaigns: Lufeng's windows, or the same shifted by whole months. */
final class CampaignPlans {

  private CampaignPlans() {}

  static String plan(String planId, int shiftMonths) {
    String[][] windows = shiftMonths == 0
        ? new String[][] {{"2026-01-01", "2026-03-31"}, {"2026-04-01", "2026-06-30"}, {"2026-07-01", "2026-09-30"}, {"2026-10-01", "2027-01-31"}}
        : new String[][] {{"2026-02-01", "2026-04-30"}, {"2026-05-01", "2026-07-31"}, {"2026-08-01", "2026-10-31"}, {"2026-11-01", "2027-02-28"}};
    return TestPlans.plan(planId) + """
        campaigns:
          - id: spring
            name: 春季攻势行动
            start: %s
            end: %s
            items:
              - {title: 研究下发年度脱贫攻坚任务计划, units: [t-fpb]}
              - {title: 抓实产业扶贫工程，抢抓节令, units: [t-agri, "@townships"]}
          - id: summer
            name: 夏季提升行动
            start: %s
            end: %s
            items:
              - {title: 全面完成饮水安全问题整改, units: [t-water]}
          - id: autumn
            name: 秋季巩固行动
            start: %s
            end: %s
            items:
              - {title: 做好迎接脱贫攻坚普查准备, units: [t-fpb]}
          - id: winter
            name: 冬季决战行动
            start: %s
            end: %s
            items:
              - {title: 开展问题排查清零行动, units: [t-fpb, t-town1]}
        """.formatted(windows[0][0], windows[0][1], windows[1][0], windows[1][1], windows[2][0], windows[2][1],
        windows[3][0], windows[3][1]);
  }
}

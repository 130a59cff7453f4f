package org.campaigndesk.scoring;

/** Why a unit gains or loses points in a quarter (加分/扣分事由). */
public enum ScoreRule {
  ON_TIME_CLOSE_OUT("按期办结销号"),
  OVERDUE_WORKING_DAYS("逾期未完成（按工作日计）"),
  MISSED_MONTHLY_REPORT("月度进展报告未按期报送"),
  ACCEPTANCE_RETURNED("验收退回整改"),
  INTERVIEW("被约谈"),
  CAP("季度封顶调整");

  private final String label;

  ScoreRule(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

package org.campaigndesk.mail;

/** The kinds of mail Campaign Desk sends; each has its template pair under resources/mail/. */
public enum MailKind {
  REMINDER("reminder", "【催办】${taskLabel} · ${watchSubject}${timeLeftText}到期"),
  OVERDUE("overdue", "【逾期】${taskLabel} · ${watchSubject}已逾期${daysOverdue}天"),
  INTERVIEW_NOTICE("interview-notice", "【约谈通知】${taskLabel} · ${watchSubject}逾期未完成"),
  EXTENSION_DECISION("extension-decision", "【延期申请${decision}】${taskLabel}"),
  CAMPAIGN_OPENED("campaign-opened", "【${campaignName}启动】${campaignWindowText}"),
  CAMPAIGN_REMINDER("campaign-reminder", "【催办】${taskLabel}${timeLeftText}结束"),
  DISPATCH_INSTRUCTION("dispatch-instruction", "【调度意见】${taskLabel}"),
  LEAD_UNIT_ASSIGNED("lead-unit-assigned", "【交办】${taskLabel} · 牵头责任单位：${leadUnitName}"),
  OVERDUE_AT_IMPORT("overdue-at-import", "【逾期事项】${planTitle}导入时已过完成时限的重点工作${count}项"),
  SCORE_PUBLISHED("score-published", "【季度考核】${quarterLabel}红榜黑榜及本单位得分"),
  APPEAL_DECISION("appeal-decision", "【申诉${decision}】${quarterLabel}考核得分"),
  HAND_OVER("hand-over", "【${handOverTitle}】${taskName}"),
  INFORMED("informed", "【知会】${taskLabel}"),
  INSTRUCTION_ANSWERED("instruction-answered", "【调度意见已反馈】${taskLabel} · ${unitName}");

  private final String template;
  private final String subject;

  MailKind(String template, String subject) {
    this.template = template;
    this.subject = subject;
  }

  public String template() {
    return template;
  }

  public String subjectPattern() {
    return subject;
  }
}

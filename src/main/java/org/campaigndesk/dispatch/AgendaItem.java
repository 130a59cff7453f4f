package org.campaigndesk.dispatch;

/** One key task on a leader's dispatch agenda. */
public record AgendaItem(int taskNo, String label, String deadlineText, Status status, String lastReport,
    java.util.List<String> openProblems) {

  /** On track, due within 7 days, overdue: green, yellow, red. Red comes first on the agenda. */
  public enum Status {
    RED("🔴 逾期"), YELLOW("🟡 7天内到期"), GREEN("🟢 正常推进"), CLOSED("✅ 已销号");

    private final String text;

    Status(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  public String render() {
    StringBuilder s = new StringBuilder(status.text()).append("  ").append(label).append("（").append(deadlineText).append("）\n");
    s.append("    上月进展：").append(lastReport).append('\n');
    s.append("    未销号问题：").append(openProblems.isEmpty() ? "无" : openProblems.size() + "项：" + String.join("；", openProblems));
    return s.toString();
  }
}

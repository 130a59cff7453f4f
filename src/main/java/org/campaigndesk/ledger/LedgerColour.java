package org.campaigndesk.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * A ledger row's colour, as county offices colour their Excel ledgers: red overdue, yellow due
 * within 7 days or a monthly report missing after its due day, green on track, grey closed out.
 * Plain Java: the rules are tested without the engine.
 */
public enum LedgerColour {
  RED("红", "逾期", "F8CBAD"),
  YELLOW("黄", "临期或缺报", "FFE699"),
  GREEN("绿", "正常推进", "C6EFCE"),
  GREY("灰", "已销号", "D9D9D9");

  /** "Due soon" means the deadline falls within this much time from now. */
  public static final Duration DUE_SOON = Duration.ofDays(7);

  private final String label;
  private final String meaning;
  private final String fill;

  LedgerColour(String label, String meaning, String fill) {
    this.label = label;
    this.meaning = meaning;
    this.fill = fill;
  }

  public String label() {
    return label;
  }

  public String meaning() {
    return meaning;
  }

  /** RGB hex of the cell fill in the Excel export and on the page. */
  public String fill() {
    return fill;
  }

  /**
   * @param closedOut the work is closed out (销号)
   * @param deadline the deadline in force (after an approved extension, the new one); null when none is set
   * @param now the current time
   * @param reportMissing a monthly report is still open past its due date (the 20th, end of day)
   */
  public static LedgerColour of(boolean closedOut, Instant deadline, Instant now, boolean reportMissing) {
    if (closedOut) {
      return GREY;
    }
    if (deadline != null && deadline.isBefore(now)) {
      return RED;
    }
    if (reportMissing || (deadline != null && deadline.isBefore(now.plus(DUE_SOON)))) {
      return YELLOW;
    }
    return GREEN;
  }

  /** From a query parameter: the enum name in any case, or the Chinese label (红, 黄, 绿, 灰). */
  public static LedgerColour parse(String text) {
    for (LedgerColour c : values()) {
      if (c.name().equalsIgnoreCase(text) || c.label.equals(text)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown colour '" + text + "' (red, yellow, green, grey)");
  }
}

package org.campaigndesk.ledger;

import java.util.Comparator;
import java.util.Locale;

/**
 * The ledger's filters and sort, as query parameters: {@code county}, {@code plan}, {@code campaign}
 * (name or id), {@code unit} (id or part of a name, lead or responsible), {@code leader} (id or
 * part of a name), {@code colour} (red, yellow, green, grey or 红/黄/绿/灰), {@code status} (open,
 * closed), {@code sort} (a column) and {@code dir} (asc, desc).
 */
public record LedgerFilter(String county, String plan, String campaign, String unit, String leader, String colour,
    String status, String sort, String dir) {

  public static LedgerFilter none() {
    return new LedgerFilter(null, null, null, null, null, null, null, null, null);
  }

  public boolean matches(LedgerRow row) {
    if (present(county) && !county.equals(row.county() == null ? Ledger.DEFAULT_COUNTY : row.county())) {
      return false;
    }
    if (present(plan) && !plan.equals(row.planId())) {
      return false;
    }
    if (present(campaign) && !campaign.equals(row.campaign())) {
      return false;
    }
    if (present(unit) && !(row.unitIds().contains(unit) || contains(row.leadUnit(), unit) || contains(row.coLeadUnits(), unit)
        || contains(row.responsibleUnits(), unit))) {
      return false;
    }
    if (present(leader) && !(row.leadLeaderIds().contains(leader) || contains(row.leadLeaders(), leader))) {
      return false;
    }
    if (present(colour) && LedgerColour.parse(colour) != row.colour()) {
      return false;
    }
    if (present(status)) {
      boolean wantClosed = switch (status.toLowerCase(Locale.ROOT)) {
        case "closed", "已销号" -> true;
        case "open", "推进中" -> false;
        default -> throw new IllegalArgumentException("unknown status '" + status + "' (open, closed)");
      };
      return row.closed() == wantClosed;
    }
    return true;
  }

  /** Default order: county, plan, red first then yellow, green, grey, then by number. */
  public Comparator<LedgerRow> comparator() {
    Comparator<LedgerRow> byDefault = Comparator.comparing((LedgerRow r) -> r.county() == null ? "" : r.county())
        .thenComparing(LedgerRow::planId).thenComparing(LedgerRow::colour).thenComparingInt(LedgerRow::taskNo);
    if (!present(sort)) {
      return byDefault;
    }
    Comparator<LedgerRow> column = switch (sort) {
      case "taskNo", "no" -> Comparator.comparingInt(LedgerRow::taskNo);
      case "title", "taskLabel" -> text(LedgerRow::title);
      case "leadLeaders", "leader" -> text(LedgerRow::leadLeaders);
      case "leadUnit", "unit" -> text(LedgerRow::leadUnit);
      case "responsibleUnits" -> text(LedgerRow::responsibleUnits);
      case "deadline", "deadlineDate" -> text(LedgerRow::deadlineDate);
      case "currentStep", "step" -> text(LedgerRow::currentStep);
      case "lastReport" -> text(LedgerRow::lastReportDate);
      case "openProblems" -> Comparator.comparingInt(r -> r.openProblems().size());
      case "extensions" -> text(LedgerRow::extensions);
      case "colour" -> Comparator.comparing(LedgerRow::colour);
      case "status" -> Comparator.comparing(LedgerRow::closed);
      case "campaign" -> text(LedgerRow::campaign);
      case "county" -> text(r -> r.county() == null ? "" : r.county());
      default -> throw new IllegalArgumentException("unknown sort column '" + sort + "'");
    };
    if ("desc".equalsIgnoreCase(dir)) {
      column = column.reversed();
    }
    return column.thenComparing(byDefault);
  }

  private static Comparator<LedgerRow> text(java.util.function.Function<LedgerRow, String> field) {
    return Comparator.comparing(r -> field.apply(r) == null ? "" : field.apply(r));
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static boolean contains(String text, String part) {
    return text != null && text.contains(part);
  }
}

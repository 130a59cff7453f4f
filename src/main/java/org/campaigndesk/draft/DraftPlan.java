package org.campaigndesk.draft;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A plan file drafted from a plan document, before it is written as YAML; ids are final, references are ids or group tokens. */
public record DraftPlan(
    Info info,
    List<Unit> units,
    List<Leader> leaders,
    List<Campaign> campaigns,
    List<Task> tasks,
    List<LocalDate> progressReportDates,
    Supervision supervision) {

  /** The plan's head: one year ({@code year}) or a span ({@code yearFrom}–{@code yearTo}); region when the county is clear. */
  public record Info(String id, String title, String issuer, String documentNo, LocalDate issued,
      Integer year, Integer yearFrom, Integer yearTo, String regionId, String regionName) {

    boolean multiYear() {
      return yearFrom != null && yearTo != null && !yearFrom.equals(yearTo);
    }

    int lastYear() {
      return multiYear() ? yearTo : year;
    }
  }

  public record Unit(String id, String name, String kind, List<String> aliases) {

    /** A unit while the document is read: later spellings of the same organisation become aliases. */
    static final class Builder {
      final String id;
      final String name;
      final String kind;
      final int sourceLine;
      private final Set<String> aliases = new LinkedHashSet<>();

      Builder(String id, String name, String kind, int sourceLine) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.sourceLine = sourceLine;
      }

      void addSpelling(String spelling) {
        if (!spelling.equals(name)) {
          aliases.add(spelling);
        }
      }

      Set<String> spellings() {
        Set<String> all = new LinkedHashSet<>(aliases);
        all.add(name);
        return all;
      }

      Unit build() {
        return new Unit(id, name, kind, List.copyOf(aliases));
      }
    }
  }

  public record Leader(String id, String name, String title) {}

  public record Campaign(String id, String name, LocalDate start, LocalDate end, List<Item> items) {}

  public record Item(String title, List<String> units, List<Target> targets) {}

  /** A key task; an empty {@code leadUnits} means the document leaves the owner open (分解交办 later). */
  public record Task(int no, String title, String description, List<String> leadLeaders, List<String> leadUnits,
      List<String> units, Deadline deadline, Person responsiblePerson, List<Target> targets, Integer year,
      int sourceLine) {

    boolean awaitingOwner() {
      return leadUnits.isEmpty();
    }
  }

  /** kind date (with the source's wording in {@code text} when it was not a plain date), year-round, or span. */
  public record Deadline(String kind, LocalDate date, String text, Integer year, LocalDate summary, LocalDate acceptance) {

    static Deadline date(LocalDate date, String text) {
      return new Deadline("date", date, text, null, null, null);
    }

    static Deadline yearRound(Integer year) {
      return new Deadline("year-round", null, null, year, null, null);
    }

    static Deadline span(String text) {
      return new Deadline("span", null, text, null, null, null);
    }

    LocalDate dueDate(Info info) {
      if (date != null) {
        return date;
      }
      if (acceptance != null) {
        return acceptance;
      }
      return LocalDate.of(year != null ? year : info.lastYear(), 12, 31);
    }
  }

  public record Person(String name, String title, String phone) {}

  public record Target(String text, Double value, String unit, Integer year) {}

  public record Supervision(int reportDay, List<Phase> phases, List<SupervisionTarget> targets) {}

  public record Phase(String name, LocalDate start, LocalDate end, List<Milestone> milestones) {}

  public record Milestone(LocalDate date, String title) {}

  public record SupervisionTarget(String id, String name, String kind, String county, Map<String, Double> figures,
      List<String> leaders, List<String> squadLeads, String squadUnit) {}
}

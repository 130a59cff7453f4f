package org.campaigndesk.plan;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A validated annual plan: every reference resolved, every group token expanded. */
public record Plan(
    Info info,
    List<Unit> units,
    List<Leader> leaders,
    List<Campaign> campaigns,
    List<KeyTask> tasks,
    List<LocalDate> progressReportDates,
    Supervision supervision) {

  /** Listed supervision (挂牌督战): phases with milestones, and the targets under supervision. Null when the plan has none. */
  public record Supervision(int reportDay, List<Phase> phases, List<Target> targets) {

    Supervision shiftedByYears(int years) {
      return new Supervision(reportDay, phases.stream().map(p -> new Phase(p.name(), p.start().plusYears(years),
          p.end().plusYears(years), p.milestones().stream().map(m -> new Milestone(m.date().plusYears(years), m.title())).toList()))
          .toList(), targets);
    }
  }

  public record Phase(String name, LocalDate start, LocalDate end, List<Milestone> milestones) {}

  public record Milestone(LocalDate date, String title) {}

  /**
   * A target under listed supervision: a county, village or resettlement site, with its figures, its
   * supervising leaders, the squad's leads and the unit that reports for it every month.
   */
  public record Target(String id, String name, String kind, String county, Map<String, Double> figures,
      List<String> leaderIds, List<String> squadLeadIds, String squadUnitId) {}


  public record Info(
      String id,
      String title,
      String issuer,
      String documentNo,
      LocalDate issued,
      int year,
      ZoneId timezone) {}

  public record Unit(String id, String name, UnitKind kind, String email, List<String> aliases) {}

  public record Leader(String id, String name, String title, String email) {}

  public record Campaign(String id, String name, LocalDate start, LocalDate end, List<CampaignItem> items) {}

  public record CampaignItem(String title, List<String> unitIds) {}

  public record KeyTask(
      int no,
      String title,
      String description,
      List<String> leadLeaderIds,
      List<String> leadUnitIds,
      List<String> responsibleUnitIds,
      Deadline deadline) {

    /** The lead unit that signs for the task and drives its workflow. */
    public String owningUnitId() {
      return leadUnitIds.get(0);
    }

    public List<String> coLeadUnitIds() {
      return leadUnitIds.subList(1, leadUnitIds.size());
    }
  }

  public Map<String, Unit> unitsById() {
    return units.stream().collect(Collectors.toMap(Unit::id, Function.identity()));
  }

  public Map<String, Leader> leadersById() {
    return leaders.stream().collect(Collectors.toMap(Leader::id, Function.identity()));
  }

  public Optional<Unit> unit(String id) {
    return units.stream().filter(u -> u.id().equals(id)).findFirst();
  }

  /**
   * The same plan with every date moved by whole years, and the year in its id and title replaced.
   * The demo uses it to run a past plan in the current year.
   */
  public Plan shiftedToYear(int targetYear) {
    int years = targetYear - info.year();
    if (years == 0) {
      return this;
    }
    String oldYear = Integer.toString(info.year());
    String newYear = Integer.toString(targetYear);
    Info shiftedInfo = new Info(
        info.id().replace(oldYear, newYear),
        info.title().replace(oldYear, newYear),
        info.issuer(),
        info.documentNo(),
        info.issued() == null ? null : info.issued().plusYears(years),
        targetYear,
        info.timezone());
    List<Campaign> shiftedCampaigns = campaigns.stream()
        .map(c -> new Campaign(c.id(), c.name(), c.start().plusYears(years), c.end().plusYears(years), c.items()))
        .toList();
    List<KeyTask> shiftedTasks = tasks.stream()
        .map(t -> new KeyTask(t.no(), t.title(), t.description(), t.leadLeaderIds(), t.leadUnitIds(),
            t.responsibleUnitIds(), t.deadline().shiftedByYears(years)))
        .toList();
    List<LocalDate> shiftedReportDates = progressReportDates.stream().map(d -> d.plusYears(years)).toList();
    return new Plan(shiftedInfo, units, leaders, shiftedCampaigns, shiftedTasks, shiftedReportDates,
        supervision == null ? null : supervision.shiftedByYears(years));
  }
}

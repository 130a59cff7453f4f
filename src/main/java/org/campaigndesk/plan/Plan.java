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
    Supervision supervision,
    List<PlanError> warnings) {

  public Plan(Info info, List<Unit> units, List<Leader> leaders, List<Campaign> campaigns, List<KeyTask> tasks,
      List<LocalDate> progressReportDates, Supervision supervision) {
    this(info, units, leaders, campaigns, tasks, progressReportDates, supervision, List.of());
  }

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


  /**
   * The plan's facts. {@code firstYear}..{@code year} is its span (one year for an annual plan);
   * {@code year} is the last year. The region (county) is the Camunda tenant of its instances.
   */
  public record Info(
      String id,
      String title,
      String issuer,
      String documentNo,
      LocalDate issued,
      int firstYear,
      int year,
      ZoneId timezone,
      Region region) {

    public boolean multiYear() {
      return firstYear != year;
    }

    public List<Integer> years() {
      return java.util.stream.IntStream.rangeClosed(firstYear, year).boxed().toList();
    }

    /** "2020年" or "2018—2020年", as the plan's documents write a span. */
    public String spanText() {
      return multiYear() ? firstYear + "—" + year + "年" : year + "年";
    }
  }

  /** A county (or prefecture): one Camunda tenant. */
  public record Region(String id, String name) {}

  /** The named person answerable for a task or a unit (责任人); title and phone may be unknown. */
  public record ResponsiblePerson(String name, String title, String phone) {

    /** "张三（局长，13800000000）". */
    public String text() {
      List<String> details = java.util.stream.Stream.of(title, phone).filter(v -> v != null && !v.isBlank()).toList();
      return details.isEmpty() ? name : name + "（" + String.join("，", details) + "）";
    }
  }

  /** A target with its figure, e.g. {text: 完成1217户4811人脱贫, value: 4811, unit: 人, year: 2020}. */
  public record Objective(String text, Double value, String unit, Integer year) {}

  public record Unit(String id, String name, UnitKind kind, String email, List<String> aliases,
      ResponsiblePerson responsiblePerson) {

    public Unit(String id, String name, UnitKind kind, String email, List<String> aliases) {
      this(id, name, kind, email, aliases, null);
    }
  }

  public record Leader(String id, String name, String title, String email) {}

  public record Campaign(String id, String name, LocalDate start, LocalDate end, List<CampaignItem> items) {}

  public record CampaignItem(String title, List<String> unitIds, List<Objective> targets) {

    public CampaignItem(String title, List<String> unitIds) {
      this(title, unitIds, List.of());
    }
  }

  /**
   * A key task. Its lead units, leaders and deadline may be left open by the plan ("明确…责任单位、
   * 责任领导"): the task then waits for a coordinator to assign them ({@link #awaitingOwner()}).
   */
  public record KeyTask(
      int no,
      String title,
      String description,
      List<String> leadLeaderIds,
      List<String> leadUnitIds,
      List<String> responsibleUnitIds,
      Deadline deadline,
      ResponsiblePerson responsiblePerson,
      List<Objective> targets,
      Integer year) {

    public KeyTask(int no, String title, String description, List<String> leadLeaderIds, List<String> leadUnitIds,
        List<String> responsibleUnitIds, Deadline deadline) {
      this(no, title, description, leadLeaderIds, leadUnitIds, responsibleUnitIds, deadline, null, List.of(), null);
    }

    /** How the key task is named wherever it is shown: 【一】title. */
    public String label() {
      return "【" + ChineseDates.numeral(no) + "】" + title;
    }

    /** Whether the task's deadline lay before {@code day} (a task without a deadline is never overdue). */
    public boolean overdueOn(LocalDate day) {
      return deadline != null && deadline.dueDate().isBefore(day);
    }

    /** The plan leaves the lead unit or the deadline to be fixed later. */
    public boolean awaitingOwner() {
      return leadUnitIds.isEmpty() || deadline == null;
    }

    /** The lead unit that signs for the task and drives its workflow; null while awaiting an owner. */
    public String owningUnitId() {
      return leadUnitIds.isEmpty() ? null : leadUnitIds.get(0);
    }

    public List<String> coLeadUnitIds() {
      return leadUnitIds.isEmpty() ? List.of() : leadUnitIds.subList(1, leadUnitIds.size());
    }

    KeyTask withIds(java.util.function.UnaryOperator<String> unit, java.util.function.UnaryOperator<String> leader) {
      return new KeyTask(no, title, description, leadLeaderIds.stream().map(leader).toList(),
          leadUnitIds.stream().map(unit).toList(), responsibleUnitIds.stream().map(unit).toList(), deadline,
          responsiblePerson, targets, year == null ? null : year);
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
   * The same plan with every date moved by whole years so that its last year becomes
   * {@code targetYear}, and the years in its id and title replaced. The demo uses it to run a past
   * plan today.
   */
  public Plan shiftedToYear(int targetYear) {
    int years = targetYear - info.year();
    if (years == 0) {
      return this;
    }
    Info shiftedInfo = new Info(
        Deadline.shiftYearsInText(info.id(), years),
        Deadline.shiftYearsInText(info.title(), years),
        info.issuer(),
        info.documentNo(),
        info.issued() == null ? null : info.issued().plusYears(years),
        info.firstYear() + years,
        targetYear,
        info.timezone(),
        info.region());
    List<Campaign> shiftedCampaigns = campaigns.stream()
        .map(c -> new Campaign(c.id(), c.name(), c.start().plusYears(years), c.end().plusYears(years), c.items()))
        .toList();
    List<KeyTask> shiftedTasks = tasks.stream()
        .map(t -> new KeyTask(t.no(), t.title(), t.description(), t.leadLeaderIds(), t.leadUnitIds(),
            t.responsibleUnitIds(), t.deadline() == null ? null : t.deadline().shiftedByYears(years),
            t.responsiblePerson(), t.targets(), t.year() == null ? null : t.year() + years))
        .toList();
    List<LocalDate> shiftedReportDates = progressReportDates.stream().map(d -> d.plusYears(years)).toList();
    return new Plan(shiftedInfo, units, leaders, shiftedCampaigns, shiftedTasks, shiftedReportDates,
        supervision == null ? null : supervision.shiftedByYears(years), warnings);
  }

  /** The plan placed in {@code region}: the region a plan file without {@code plan.region} belongs to. */
  public Plan withRegion(Region region) {
    if (region.equals(info.region())) {
      return this;
    }
    Info placed = new Info(info.id(), info.title(), info.issuer(), info.documentNo(), info.issued(), info.firstYear(),
        info.year(), info.timezone(), region);
    return new Plan(placed, units, leaders, campaigns, tasks, progressReportDates, supervision, warnings);
  }

  public String regionId() {
    return info.region() == null ? null : info.region().id();
  }

  /**
   * The same plan with its unit and leader ids replaced by the installation-wide ids of their
   * Camunda groups and users ({@code principals}: plan id → installation id, where they differ).
   * A unit keeps its plan id as an alias, so forms may still name it so.
   */
  public Plan withPrincipalIds(Map<String, String> unitPrincipals, Map<String, String> leaderPrincipals) {
    if (unitPrincipals.isEmpty() && leaderPrincipals.isEmpty()) {
      return this;
    }
    java.util.function.UnaryOperator<String> unit = id -> unitPrincipals.getOrDefault(id, id);
    java.util.function.UnaryOperator<String> leader = id -> leaderPrincipals.getOrDefault(id, id);
    List<Unit> mappedUnits = units.stream().map(u -> {
      if (!unitPrincipals.containsKey(u.id())) {
        return u;
      }
      List<String> aliases = new java.util.ArrayList<>(u.aliases());
      aliases.add(u.id());
      return new Unit(unit.apply(u.id()), u.name(), u.kind(), u.email(), List.copyOf(aliases), u.responsiblePerson());
    }).toList();
    List<Leader> mappedLeaders = leaders.stream()
        .map(l -> new Leader(leader.apply(l.id()), l.name(), l.title(), l.email())).toList();
    List<Campaign> mappedCampaigns = campaigns.stream().map(c -> new Campaign(c.id(), c.name(), c.start(), c.end(),
        c.items().stream().map(i -> new CampaignItem(i.title(), i.unitIds().stream().map(unit).toList(), i.targets()))
            .toList())).toList();
    List<KeyTask> mappedTasks = tasks.stream().map(t -> t.withIds(unit, leader)).toList();
    Supervision mappedSupervision = supervision == null ? null : new Supervision(supervision.reportDay(),
        supervision.phases(), supervision.targets().stream().map(t -> new Target(t.id(), t.name(), t.kind(), t.county(),
            t.figures(), t.leaderIds().stream().map(leader).toList(), t.squadLeadIds().stream().map(leader).toList(),
            unit.apply(t.squadUnitId()))).toList());
    return new Plan(info, mappedUnits, mappedLeaders, mappedCampaigns, mappedTasks, progressReportDates,
        mappedSupervision, warnings);
  }
}

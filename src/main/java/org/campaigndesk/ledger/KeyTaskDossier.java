package org.campaigndesk.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Service;

/**
 * What a reviewer has in view on the completion request (办结申请) and the acceptance (验收): each
 * unit's contribution with its files (and the ones still open), every monthly report, the overdue
 * history and the extension history, read from the ledger's history of the key task
 * ({@link LedgerDetail}), not a second reader of it.
 *
 * <p>Files: whoever sees the key task's row sees that a file was submitted; opening it is for its
 * reviewers (coordinators, province readers, the lead leaders, the lead unit) and for the unit that
 * submitted it, not for the other responsible units.
 */
@Service
public class KeyTaskDossier {

  public record Contribution(String unit, String status, Instant ended, Map<String, Object> submitted,
      List<LedgerDetail.EvidenceFile> files) {}

  public record Report(String name, String status, Instant due, Instant ended, Map<String, Object> submitted,
      List<LedgerDetail.EvidenceFile> files) {}

  public record Watch(String subject, String dueDate, boolean overdue, Instant started, Instant ended) {}

  public record Extension(Instant requestedAt, String requestedDate, String reason, String decision, String comment) {}

  public record Dossier(String instanceId, String taskLabel, String leadUnit, String deadlineText, boolean closed,
      List<Contribution> contributions, List<String> openContributions, List<Report> reports, List<Watch> deadlines,
      List<LedgerDetail.Recorded> escalations, List<Extension> extensions, List<Report> completionRequests,
      List<Report> acceptances, String filesNote) {}

  private static final Set<String> ESCALATION_VARIABLES = Set.of("interviewRecord", "accountabilityDecision",
      "accountabilityNote");

  private final LedgerService ledgers;
  private final LedgerDetail details;
  private final HistoryService historyService;
  private final EvidenceFileReader files;

  public KeyTaskDossier(LedgerService ledgers, LedgerDetail details, HistoryService historyService, EvidenceFileReader files) {
    this.ledgers = ledgers;
    this.details = details;
    this.historyService = historyService;
    this.files = files;
  }

  /** The dossier of a key task the viewer sees on the ledger; empty otherwise. */
  public Optional<Dossier> of(Viewer viewer, String instanceId) {
    Optional<LedgerRow> row = ledgers.row(viewer, instanceId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    return details.of(row.get()).map(detail -> dossier(viewer, row.get(), detail));
  }

  private Dossier dossier(Viewer viewer, LedgerRow row, LedgerDetail.Detail detail) {
    EvidenceFileReader.Parties reviewers = reviewers(row);
    List<Contribution> contributions = new ArrayList<>();
    List<String> open = new ArrayList<>();
    List<Report> reports = new ArrayList<>();
    List<Report> requests = new ArrayList<>();
    List<Report> acceptances = new ArrayList<>();
    for (LedgerDetail.Step step : detail.steps()) {
      boolean mayOpen = !step.files().isEmpty() && EvidenceFileReader.mayOpen(viewer, this.files.offered(step.taskId()), reviewers);
      List<LedgerDetail.EvidenceFile> files = step.files().stream()
          .map(f -> mayOpen ? f : new LedgerDetail.EvidenceFile(f.variableId(), f.name(), f.mimeType(), null))
          .toList();
      switch (String.valueOf(step.definitionKey())) {
        case "Task_Contribution" -> {
          String unit = String.valueOf(step.submitted().getOrDefault(LedgerDetail.LABELS.get("contributorUnitName"), step.name()));
          boolean done = step.ended() != null && "已办理".equals(step.outcome());
          if (step.ended() == null) {
            open.add(unit);
          }
          contributions.add(new Contribution(unit, step.ended() == null ? "未完成" : done ? "已完成" : step.outcome(),
              step.ended(), step.submitted(), files));
        }
        case "Task_ProgressReport" -> reports.add(report(step, files));
        case "Task_RequestCompletion", "Task_Rework" -> requests.add(report(step, files));
        case "Task_Acceptance" -> acceptances.add(report(step, files));
        default -> { }
      }
    }
    return new Dossier(row.instanceId(), row.taskLabel(), row.leadUnit(), row.deadlineText(), row.closed(), contributions,
        open, reports, watches(detail), detail.recorded().stream()
            .filter(r -> ESCALATION_VARIABLES.contains(r.variable())).toList(),
        extensions(detail), requests, acceptances, detail.files());
  }

  private static Report report(LedgerDetail.Step step, List<LedgerDetail.EvidenceFile> files) {
    return new Report(step.name(), step.outcome(), step.due(), step.ended(), step.submitted(), files);
  }

  /**
   * The key task's completion deadline and the deadline watches it started (each month's report...),
   * with whether each went overdue. The completion watch starts only at its first reminder, so work
   * done before then has none: its deadline is listed all the same, not overdue (a watch starts at
   * the latest when its deadline passes).
   */
  private List<Watch> watches(LedgerDetail.Detail detail) {
    List<Watch> watches = new ArrayList<>(startedWatches(detail));
    String deadline = detail.row().deadlineDate();
    if (deadline != null && watches.stream().noneMatch(w -> COMPLETION.equals(w.subject()))) {
      watches.add(0, new Watch(COMPLETION, deadline, false, null, null));
    }
    return watches;
  }

  /** The subject key-task.bpmn gives the completion deadline's watch (CallActivity_CompletionWatch). */
  static final String COMPLETION = "办结时限";

  private List<Watch> startedWatches(LedgerDetail.Detail detail) {
    List<LedgerDetail.Related> watched = detail.related().stream()
        .filter(r -> LedgerDetail.PROCESSES.get("deadline-watch").equals(r.process())).toList();
    if (watched.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, Object>> values = new HashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(watched.stream().map(LedgerDetail.Related::instanceId).toArray(String[]::new))
        .variableNameIn("watchSubject", "dueDate", "overdue").disableBinaryFetching().list()) {
      values.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).putIfAbsent(v.getName(), v.getValue());
    }
    return watched.stream().map(r -> {
      Map<String, Object> v = values.getOrDefault(r.instanceId(), Map.of());
      Object due = v.get("dueDate");
      return new Watch(String.valueOf(v.getOrDefault("watchSubject", "期限")),
          due instanceof java.util.Date d ? LedgerDetail.TIME.format(d.toInstant()).substring(0, 10) : due == null ? null : due.toString(),
          Boolean.TRUE.equals(v.get("overdue")), r.started(), r.ended());
    }).toList();
  }

  /** Each extension request with its decision, in the order they were recorded. */
  private static List<Extension> extensions(LedgerDetail.Detail detail) {
    List<Extension> result = new ArrayList<>();
    Map<String, Object> current = null;
    for (LedgerDetail.Recorded r : detail.recorded()) {
      switch (String.valueOf(r.variable())) {
        case "extensionNewDate" -> {
          if (current != null) {
            result.add(extension(current));
          }
          current = new LinkedHashMap<>();
          current.put("at", r.time());
          current.put("date", r.value());
        }
        case "extensionReason", "extensionApproved", "extensionDecisionComment" -> {
          if (current != null) {
            current.put(r.variable(), r.value());
          }
        }
        default -> { }
      }
    }
    if (current != null) {
      result.add(extension(current));
    }
    return result;
  }

  private static Extension extension(Map<String, Object> e) {
    // The decision as the ledger's detail shows it: the extension form's label (ShownValues).
    Object approved = e.get("extensionApproved");
    String decision = approved == null ? "待审批" : approved.toString();
    return new Extension((Instant) e.get("at"), String.valueOf(e.get("date")), (String) e.get("extensionReason"), decision,
        (String) e.get("extensionDecisionComment"));
  }

  /** A key task's files are reviewed by its lead leaders and its lead unit. */
  private static EvidenceFileReader.Parties reviewers(LedgerRow row) {
    return new EvidenceFileReader.Parties(Set.copyOf(row.leadLeaderIds()),
        row.leadUnitId() == null ? Set.of() : Set.of(row.leadUnitId()));
  }

  /** A file submitted on the key task, if the viewer sees the key task and may open the file. */
  public Optional<EvidenceFileReader.OpenedFile> file(Viewer viewer, String instanceId, String variableId) {
    Optional<LedgerRow> row = ledgers.row(viewer, instanceId);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    EvidenceFileReader.Parties reviewers = reviewers(row.get());
    return files.open(instanceId, variableId, taskId -> EvidenceFileReader.mayOpen(viewer, files.offered(taskId), reviewers));
  }
}

package org.campaigndesk.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Service;

/**
 * Evidence files submitted in a process that is not a key task (a rectification, a score appeal),
 * for the step that reviews them: opened by the unit that submitted them, by those offered a later
 * step (the inspection team that verifies) and by the county's coordinators and province readers;
 * never by another unit.
 */
@Service
public class ProcessFiles {

  /** The files one step submitted. */
  public record StepFiles(String step, Instant submitted, List<LedgerDetail.EvidenceFile> files) {}

  private final HistoryService historyService;
  private final EvidenceFileReader files;

  public ProcessFiles(HistoryService historyService, EvidenceFileReader files) {
    this.historyService = historyService;
    this.files = files;
  }

  /** Where such a file is opened (the ledger's API, the web apps' login). */
  public static String fileUrl(String instanceId, String variableId) {
    return "/api/ledger/process/" + instanceId + "/files/" + variableId;
  }

  /** The steps of the process that submitted files the viewer may open, oldest first; empty if he takes no part. */
  public Optional<List<StepFiles>> of(Viewer viewer, String instanceId) {
    Optional<Participants> participants = participants(viewer, instanceId);
    if (participants.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<LedgerDetail.EvidenceFile>> byTask = new HashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .disableBinaryFetching().orderByVariableName().asc().list()) {
      if (v.getTaskId() != null && v.getTypedValue() instanceof FileValue file && file.getFilename() != null
          && participants.get().mayOpen(v.getTaskId())) {
        byTask.computeIfAbsent(v.getTaskId(), k -> new ArrayList<>()).add(new LedgerDetail.EvidenceFile(v.getId(),
            file.getFilename(), file.getMimeType(), fileUrl(instanceId, v.getId())));
      }
    }
    List<StepFiles> steps = new ArrayList<>();
    for (HistoricTaskInstance t : participants.get().tasks()) {
      if (byTask.containsKey(t.getId())) {
        steps.add(new StepFiles(t.getName(), t.getEndTime() == null ? null : t.getEndTime().toInstant(), byTask.get(t.getId())));
      }
    }
    return Optional.of(steps);
  }

  /** A file submitted on one of the process's tasks, if the viewer may open it. */
  public Optional<EvidenceFileReader.OpenedFile> file(Viewer viewer, String instanceId, String variableId) {
    return participants(viewer, instanceId).flatMap(p -> files.open(instanceId, variableId, p::mayOpen));
  }

  /**
   * The process's tasks, each with those it was offered to. A file is opened as the one rule says
   * ({@link EvidenceFileReader#mayOpen}); the reviewers of a file here are those offered a task that
   * began once the file's task was done (the verification, the appeal's decision), so a unit working
   * in parallel in the same process (another unit's appeal) does not open it.
   */
  record Participants(Viewer viewer, List<HistoricTaskInstance> tasks, Map<String, EvidenceFileReader.Parties> offered) {
    boolean mayOpen(String taskId) {
      HistoricTaskInstance submitted = tasks.stream().filter(t -> t.getId().equals(taskId)).findFirst().orElse(null);
      if (submitted == null) {
        return false;
      }
      EvidenceFileReader.Parties reviewers = EvidenceFileReader.Parties.NONE;
      if (submitted.getEndTime() != null) {
        for (HistoricTaskInstance t : tasks) {
          if (!t.getStartTime().before(submitted.getEndTime())) {
            reviewers = reviewers.and(offered.get(t.getId()));
          }
        }
      }
      return EvidenceFileReader.mayOpen(viewer, offered.get(taskId), reviewers);
    }
  }

  /** The process's participants as the viewer sees them; empty unless he sees its county and, as a unit, took part. */
  private Optional<Participants> participants(Viewer viewer, String instanceId) {
    HistoricProcessInstance pi = historyService.createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
    if (pi == null || !viewer.seesCounty(pi.getTenantId())) {
      return Optional.empty();
    }
    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery().processInstanceId(instanceId)
        .orderByHistoricActivityInstanceStartTime().asc().list();
    Map<String, EvidenceFileReader.Parties> offered = files.offered(tasks);
    boolean tookPart = viewer.kind() != Viewer.Kind.UNIT || offered.values().stream().anyMatch(p -> p.include(viewer));
    return tookPart ? Optional.of(new Participants(viewer, tasks, offered)) : Optional.empty();
  }
}

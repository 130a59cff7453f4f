package org.campaigndesk.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.campaigndesk.audit.TaskAudit;
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
  private final TaskAudit audit;

  public ProcessFiles(HistoryService historyService, TaskAudit audit) {
    this.historyService = historyService;
    this.audit = audit;
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
  public Optional<KeyTaskDossier.OpenedFile> file(Viewer viewer, String instanceId, String variableId) {
    Optional<Participants> participants = participants(viewer, instanceId);
    if (participants.isEmpty()) {
      return Optional.empty();
    }
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery().variableId(variableId)
        .singleResult();
    if (variable == null || !instanceId.equals(variable.getProcessInstanceId()) || variable.getTaskId() == null
        || !(variable.getTypedValue() instanceof FileValue file) || !participants.get().mayOpen(variable.getTaskId())) {
      return Optional.empty();
    }
    try (InputStream in = file.getValue()) {
      String name = file.getFilename();
      String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
      // The type follows the name the server checked, not what the uploading browser claimed.
      return Optional.of(new KeyTaskDossier.OpenedFile(name,
          KeyTaskDossier.MIME_BY_EXTENSION.getOrDefault(extension, "application/octet-stream"),
          in == null ? new byte[0] : in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The process's tasks and which of them the viewer was offered. A file is his to open if he
   * submitted it (its task was offered to him) or reviews it (a task offered to him began once the
   * file's task was done: the verification, the appeal's decision); a unit working in parallel in
   * the same process (another unit's appeal) does not open it. Coordinators and province readers
   * of the county open every file.
   */
  record Participants(List<HistoricTaskInstance> tasks, Set<String> offered, boolean reader) {
    boolean mayOpen(String taskId) {
      if (reader || offered.contains(taskId)) {
        return true;
      }
      HistoricTaskInstance submitted = tasks.stream().filter(t -> t.getId().equals(taskId)).findFirst().orElse(null);
      return submitted != null && submitted.getEndTime() != null && tasks.stream().anyMatch(t -> offered.contains(t.getId())
          && !t.getStartTime().before(submitted.getEndTime()));
    }
  }

  private Optional<Participants> participants(Viewer viewer, String instanceId) {
    HistoricProcessInstance pi = historyService.createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
    if (pi == null || !viewer.seesCounty(pi.getTenantId())) {
      return Optional.empty();
    }
    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery().processInstanceId(instanceId)
        .orderByHistoricActivityInstanceStartTime().asc().list();
    if (viewer.kind() != Viewer.Kind.UNIT) {
      return Optional.of(new Participants(tasks, Set.of(), true));
    }
    Map<String, Set<String>> groups = audit.offeredGroups(tasks.stream().map(HistoricTaskInstance::getId).toList());
    Set<String> offered = tasks.stream().filter(t -> viewer.userId().equals(t.getAssignee())
        || groups.getOrDefault(t.getId(), Set.of()).stream().anyMatch(viewer.groupIds()::contains))
        .map(HistoricTaskInstance::getId).collect(Collectors.toSet());
    return offered.isEmpty() ? Optional.empty() : Optional.of(new Participants(tasks, offered, false));
  }
}

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
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.springframework.stereotype.Service;

/**
 * Evidence files submitted in a process that is not a key task (a rectification, a score appeal),
 * for the step that reviews them. Opening is for those who take part in the process (the groups its
 * tasks were offered to: the unit that submitted, the inspection team that verifies, the
 * coordinators who decide) and for coordinators and province readers of its county; never for
 * another unit.
 */
@Service
public class ProcessFiles {

  /** The files one step submitted. */
  public record StepFiles(String step, Instant submitted, List<LedgerDetail.EvidenceFile> files) {}

  private final HistoryService historyService;

  public ProcessFiles(HistoryService historyService) {
    this.historyService = historyService;
  }

  /** Where such a file is opened (the ledger's API, the web apps' login). */
  public static String fileUrl(String instanceId, String variableId) {
    return "/api/ledger/process/" + instanceId + "/files/" + variableId;
  }

  /** The steps of the process that submitted files, oldest first; empty if the viewer may not open them. */
  public Optional<List<StepFiles>> of(Viewer viewer, String instanceId) {
    if (!takesPart(viewer, instanceId)) {
      return Optional.empty();
    }
    Map<String, List<LedgerDetail.EvidenceFile>> byTask = new HashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processInstanceId(instanceId)
        .disableBinaryFetching().orderByVariableName().asc().list()) {
      if (v.getTaskId() != null && v.getTypedValue() instanceof FileValue file && file.getFilename() != null) {
        byTask.computeIfAbsent(v.getTaskId(), k -> new ArrayList<>()).add(new LedgerDetail.EvidenceFile(v.getId(),
            file.getFilename(), file.getMimeType(), fileUrl(instanceId, v.getId())));
      }
    }
    List<StepFiles> steps = new ArrayList<>();
    for (HistoricTaskInstance t : historyService.createHistoricTaskInstanceQuery().processInstanceId(instanceId)
        .orderByHistoricActivityInstanceStartTime().asc().list()) {
      if (byTask.containsKey(t.getId())) {
        steps.add(new StepFiles(t.getName(), t.getEndTime() == null ? null : t.getEndTime().toInstant(), byTask.get(t.getId())));
      }
    }
    return Optional.of(steps);
  }

  /** A file submitted on one of the process's tasks, if the viewer takes part in the process. */
  public Optional<KeyTaskDossier.OpenedFile> file(Viewer viewer, String instanceId, String variableId) {
    if (!takesPart(viewer, instanceId)) {
      return Optional.empty();
    }
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery().variableId(variableId)
        .singleResult();
    if (variable == null || !instanceId.equals(variable.getProcessInstanceId()) || variable.getTaskId() == null
        || !(variable.getTypedValue() instanceof FileValue file)) {
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

  private boolean takesPart(Viewer viewer, String instanceId) {
    HistoricProcessInstance pi = historyService.createHistoricProcessInstanceQuery().processInstanceId(instanceId)
        .singleResult();
    if (pi == null || !viewer.seesCounty(pi.getTenantId())) {
      return false;
    }
    if (viewer.kind() != Viewer.Kind.UNIT) {
      return true;
    }
    List<HistoricTaskInstance> tasks = historyService.createHistoricTaskInstanceQuery().processInstanceId(instanceId).list();
    Set<String> groups = tasks.stream().flatMap(t -> historyService.createHistoricIdentityLinkLogQuery().taskId(t.getId())
        .type("candidate").list().stream()).map(HistoricIdentityLinkLog::getGroupId).filter(g -> g != null)
        .collect(Collectors.toSet());
    Set<String> users = tasks.stream().map(HistoricTaskInstance::getAssignee).filter(a -> a != null).collect(Collectors.toSet());
    return groups.stream().anyMatch(viewer.groupIds()::contains) || users.contains(viewer.userId());
  }
}

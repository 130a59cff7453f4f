package org.campaigndesk.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.campaigndesk.audit.TaskAudit;
import org.springframework.stereotype.Service;

/**
 * The one way an evidence file (佐证材料) submitted on a task is opened, whichever route asks (a key
 * task's dossier, a rectification's or a score appeal's review), and the one rule of who opens it
 * ({@link #mayOpen}): the county's coordinators and province readers, the unit or person the task
 * was offered to (who submitted it), and the process's reviewers; never another unit working beside
 * them. Each route names the reviewers of its process; seeing the process at all is its own check.
 */
@Service
public class EvidenceFileReader {

  /** An opened file: its name, type and content. */
  public record OpenedFile(String name, String mimeType, byte[] content) {}

  /** Users and groups: those a task was offered to, or a process's reviewers. */
  public record Parties(Set<String> userIds, Set<String> groupIds) {

    public static final Parties NONE = new Parties(Set.of(), Set.of());

    boolean include(Viewer viewer) {
      return userIds.contains(viewer.userId()) || groupIds.stream().anyMatch(viewer.groupIds()::contains);
    }

    Parties and(Parties other) {
      Set<String> users = new HashSet<>(userIds);
      users.addAll(other.userIds);
      Set<String> groups = new HashSet<>(groupIds);
      groups.addAll(other.groupIds);
      return new Parties(users, groups);
    }
  }

  static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"), Map.entry("gif", "image/gif"),
      Map.entry("bmp", "image/bmp"), Map.entry("webp", "image/webp"), Map.entry("pdf", "application/pdf"),
      Map.entry("doc", "application/msword"),
      Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
      Map.entry("xls", "application/vnd.ms-excel"),
      Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));

  private final HistoryService historyService;
  private final TaskAudit audit;

  public EvidenceFileReader(HistoryService historyService, TaskAudit audit) {
    this.historyService = historyService;
    this.audit = audit;
  }

  /**
   * Who opens a file: readers of the county (not a unit), those its task was offered to, the
   * process's reviewers. The caller has checked that the viewer sees the process.
   */
  static boolean mayOpen(Viewer viewer, Parties submitters, Parties reviewers) {
    return viewer.kind() != Viewer.Kind.UNIT || submitters.include(viewer) || reviewers.include(viewer);
  }

  /**
   * Those each task was offered to: its assignee and its candidate groups, the groups read from the
   * task audit in one query for all of them (the engine keeps no identity link log at history level
   * audit; the task audit keeps the offers).
   */
  Map<String, Parties> offered(Collection<HistoricTaskInstance> tasks) {
    Map<String, Set<String>> groups = audit.offeredGroups(tasks.stream().map(HistoricTaskInstance::getId).toList());
    Map<String, Parties> offered = new HashMap<>();
    for (HistoricTaskInstance task : tasks) {
      Set<String> users = task.getAssignee() == null ? Set.of() : Set.of(task.getAssignee());
      offered.put(task.getId(), new Parties(users, groups.getOrDefault(task.getId(), Set.of())));
    }
    return offered;
  }

  /** Those the task of this id was offered to; none if there is no such task. */
  Parties offered(String taskId) {
    HistoricTaskInstance task = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    return task == null ? Parties.NONE : offered(List.of(task)).get(taskId);
  }

  /**
   * The file a task of the instance submitted under this variable, if {@code mayOpenTask} lets the
   * viewer open that task's files; empty for any other variable.
   */
  public Optional<OpenedFile> open(String instanceId, String variableId, Predicate<String> mayOpenTask) {
    HistoricVariableInstance variable = historyService.createHistoricVariableInstanceQuery().variableId(variableId)
        .singleResult();
    if (variable == null || !instanceId.equals(variable.getProcessInstanceId()) || variable.getTaskId() == null
        || !(variable.getTypedValue() instanceof FileValue file) || !mayOpenTask.test(variable.getTaskId())) {
      return Optional.empty();
    }
    try (InputStream in = file.getValue()) {
      String name = file.getFilename();
      String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
      // The type follows the name the server checked, not what the uploading browser claimed.
      return Optional.of(new OpenedFile(name, MIME_BY_EXTENSION.getOrDefault(extension, "application/octet-stream"),
          in == null ? new byte[0] : in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

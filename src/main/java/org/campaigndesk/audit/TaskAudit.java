package org.campaigndesk.audit;

import org.campaigndesk.kernel.InChunks;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.CurrentUser;
import org.campaigndesk.kernel.RowsAtCommit;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Who each task was offered to, held and completed by, kept in {@code cd_task_party} from the task
 * events the engine publishes (Camunda's Spring eventing, after the processes' own task listeners,
 * in the engine's transaction). At history level full the engine's identity link log and operation
 * log held this; audit writes neither. Offers are never taken back here, as in the identity link
 * log: a unit once offered a task stays one that took part in it.
 */
@Service
public class TaskAudit {

  public static final String CANDIDATE = "candidate";
  public static final String ASSIGNEE = "assignee";
  public static final String OWNER = "owner";
  public static final String COMPLETER = "completer";

  private final JdbcTemplate jdbc;
  /**
   * A transaction's rows, written in one batch before it commits instead of one statement per task
   * event: a plan's import creates a task per key task, a campaign opening some 200 (a round trip each).
   */
  private final RowsAtCommit rows;

  public TaskAudit(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.rows = new RowsAtCommit(jdbc, "insert into cd_task_party (task_id, process_instance_id, party_role, user_id, group_id,"
        + " recorded_at) values (?, ?, ?, ?, ?, ?)");
  }

  /** A party of a task: a role and a user or a group. */
  record Party(String role, String userId, String groupId) {}

  @EventListener
  public void on(DelegateTask task) {
    String event = task.getEventName();
    if (TaskListener.EVENTNAME_DELETE.equals(event) || TaskListener.EVENTNAME_TIMEOUT.equals(event)) {
      return;
    }
    Set<Party> parties = new HashSet<>();
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        parties.add(new Party(CANDIDATE, link.getUserId(), link.getGroupId()));
      }
    }
    if (task.getAssignee() != null) {
      parties.add(new Party(ASSIGNEE, task.getAssignee(), null));
    }
    if (task.getOwner() != null) {
      parties.add(new Party(OWNER, task.getOwner(), null));
    }
    if (TaskListener.EVENTNAME_COMPLETE.equals(event)) {
      String user = CurrentUser.of(task.getProcessEngineServices().getIdentityService());
      if (user != null) {
        parties.add(new Party(COMPLETER, user, null));
      }
    }
    record(task.getId(), task.getProcessInstanceId(), parties, TaskListener.EVENTNAME_CREATE.equals(event));
  }

  private void record(String taskId, String processInstanceId, Set<Party> parties, boolean newTask) {
    if (parties.isEmpty()) {
      return;
    }
    Set<Party> known = newTask ? Set.of() : new HashSet<>(query("select party_role, user_id, group_id from cd_task_party where task_id = ?",
        (rs, i) -> new Party(rs.getString(1), rs.getString(2), rs.getString(3)), taskId));
    List<Object[]> added = new ArrayList<>();
    Timestamp now = new Timestamp(Clocks.now().getTime());
    for (Party p : parties) {
      if (!known.contains(p)) {
        added.add(new Object[] {taskId, processInstanceId, p.role(), p.userId(), p.groupId(), now});
      }
    }
    rows.add(added);
  }

  /** Reads of the table write the current transaction's rows first. */
  private void writePending() {
    rows.writePending();
  }

  private <T> List<T> query(String sql, org.springframework.jdbc.core.RowMapper<T> mapper, Object... args) {
    writePending();
    return jdbc.query(sql, mapper, args);
  }

  /** The groups the task was ever offered to (its candidate groups). */
  public Set<String> offeredGroups(String taskId) {
    return offeredGroups(List.of(taskId)).getOrDefault(taskId, Set.of());
  }

  /** The groups each of these tasks was ever offered to; a task offered to none is left out. */
  public Map<String, Set<String>> offeredGroups(Collection<String> taskIds) {
    writePending();
    Map<String, Set<String>> groups = new HashMap<>();
    for (List<String> chunk : InChunks.of(List.copyOf(new HashSet<>(taskIds)))) {
      jdbc.query("select task_id, group_id from cd_task_party where party_role = '" + CANDIDATE + "' and group_id is not null"
          + " and task_id in (" + marks(chunk.size()) + ")",
          rs -> {
            groups.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
          }, chunk.toArray());
    }
    return groups;
  }

  /** The user whose call completed the task; empty if the system completed it (or nobody logged in did). */
  public Optional<String> completedBy(String taskId) {
    writePending();
    return jdbc.queryForList("select user_id from cd_task_party where task_id = ? and party_role = '" + COMPLETER + "'"
        + " order by recorded_at", String.class, taskId).stream().findFirst();
  }

  /** Whether the user, or one of his groups, was offered, held or completed the task. */
  public boolean tookPart(String taskId, String userId, Collection<String> groupIds) {
    writePending();
    List<Object> args = new ArrayList<>(List.of(taskId, userId));
    String groups = "";
    if (!groupIds.isEmpty()) {
      groups = " or group_id in (" + marks(groupIds.size()) + ")";
      args.addAll(groupIds);
    }
    return jdbc.queryForObject("select count(*) from cd_task_party where task_id = ? and (user_id = ?" + groups + ")",
        Long.class, args.toArray()) > 0;
  }

  /** Whether a task of the process instance was ever offered to one of these groups. */
  public boolean offeredInProcess(String processInstanceId, Collection<String> groupIds) {
    if (groupIds.isEmpty()) {
      return false;
    }
    writePending();
    List<Object> args = new ArrayList<>(List.of(processInstanceId));
    args.addAll(groupIds);
    return jdbc.queryForObject("select count(*) from cd_task_party where process_instance_id = ? and party_role = '"
        + CANDIDATE + "' and group_id in (" + marks(groupIds.size()) + ")", Long.class, args.toArray()) > 0;
  }

  private static String marks(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}

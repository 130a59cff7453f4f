package org.campaigndesk.security;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a worker (a unit's contact, a leader, the discipline commission, the inspection team, a
 * province reader: anyone who is neither coordinator nor administrator) may ask of the engine's
 * REST API, decided from the method and the path alone, before the engine runs. The engine's own
 * authorization still applies to whatever passes; this is the second fence for what the engine's
 * grants cannot express: a refused job call that still used up a retry, task variables outside
 * the task's form, process variables written around the task.
 *
 * <p>{@code path} is relative to the REST root: {@code /task/abc/complete}, whether the request came
 * through {@code /engine-rest} or the web apps' {@code /camunda/api/engine/engine/default}.
 */
public final class WorkerRoutes {

  public enum Verdict {
    /** The engine decides (its grants and tenants). */
    ENGINE,
    /** Refused outright. */
    REFUSED,
    /** A task variable write: allowed for the fields of the task's own form only. */
    TASK_VARIABLES,
    /** A task variable read: answered with the fields of the task's own form only. */
    TASK_VARIABLE_READ
  }

  public record Decision(Verdict verdict, String taskId) {
    static Decision of(Verdict verdict) {
      return new Decision(verdict, null);
    }
  }

  /** Routes no worker needs, read or written: jobs (a refused execute still used a retry), incidents, deployments, batches and the like. */
  private static final List<String> CLOSED = List.of("/job", "/job-definition", "/incident", "/deployment", "/batch",
      "/migration", "/modification", "/message", "/signal", "/external-task", "/condition", "/authorization",
      "/history/job-log", "/history/incident", "/history/batch", "/history/external-task-log", "/history/cleanup",
      "/metrics", "/schema", "/telemetry", "/event-subscription", "/process-instance/suspended",
      "/process-definition/suspended");
  /**
   * A process instance's data read around the task: instances, executions, their variables and
   * history. A worker reads what its tasks show (their forms' fields, see EngineRestGuard), not the
   * instance behind them: there lie other units' reports, the signer's phone, 约谈/问责 records.
   */
  private static final List<String> INSTANCE_DATA = List.of("/process-instance", "/execution", "/variable-instance",
      "/history/process-instance", "/history/variable-instance", "/history/detail", "/history/activity-instance",
      "/history/case-instance", "/history/case-activity-instance", "/case-instance", "/case-execution");

  /**
   * Figures over every instance of a process (counts of instances, incidents, failed jobs per
   * activity; reports): Cockpit's, not a unit's, whose instances they count.
   */
  private static final Pattern STATISTICS = Pattern.compile(".*/(statistics|report|[a-z-]+-report)(/.*)?");
  /**
   * Routes the engine answers without its tenant check: the history of who was offered which
   * task ({@code /history/identity-link-log}) shows another county's to a coordinator. Left to the
   * administrator and the province readers.
   */
  private static final List<String> NOT_TENANT_CHECKED = List.of("/history/identity-link-log");

  private static final Pattern TASK_VARIABLE_WRITE = Pattern.compile(
      "/task/([^/]+)/(complete|submit-form|resolve|variables|localVariables|variables/[^/]+(/data)?|localVariables/[^/]+(/data)?)");
  private static final Pattern TASK_VARIABLE_READ = Pattern.compile(
      "/task/([^/]+)/(variables|localVariables|form-variables|variables/[^/]+(/data)?|localVariables/[^/]+(/data)?)");
  /** Writes a worker may send that change nothing: the POST forms of queries, claiming and commenting. */
  private static final List<Pattern> HARMLESS_POSTS = List.of(
      Pattern.compile("/task(/count)?"),
      Pattern.compile("/task/[^/]+/(claim|unclaim|comment/create)"),
      Pattern.compile("/filter/[^/]+/(list|count|singleResult)"),
      Pattern.compile("/history/(task|identity-link-log|user-operation)(/count)?"),
      Pattern.compile("/process-definition(/count)?"));
  /** The province readers' queries (Cockpit's): every POST query of the API, which the engine answers read-only. */
  private static final Pattern READER_QUERY = Pattern.compile("(/history)?/[a-z-]+(/count|/report|/statistics)?");

  private WorkerRoutes() {}

  /** A unit's contact, a leader, the discipline commission, the inspection team. */
  public static Decision decide(String method, String path) {
    String p = normalized(path);
    if (startsWithAny(p, CLOSED) || startsWithAny(p, INSTANCE_DATA) || startsWithAny(p, NOT_TENANT_CHECKED)
        || STATISTICS.matcher(p).matches()) {
      return Decision.of(Verdict.REFUSED);
    }
    boolean reading = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    if (reading) {
      Matcher read = TASK_VARIABLE_READ.matcher(p);
      return read.matches() ? new Decision(Verdict.TASK_VARIABLE_READ, read.group(1)) : Decision.of(Verdict.ENGINE);
    }
    Matcher taskVariables = TASK_VARIABLE_WRITE.matcher(p);
    if (taskVariables.matches()) {
      return new Decision(Verdict.TASK_VARIABLES, taskVariables.group(1));
    }
    if ("POST".equals(method) && HARMLESS_POSTS.stream().anyMatch(h -> h.matcher(p).matches())) {
      return Decision.of(Verdict.ENGINE);
    }
    // Every other write (deleting or updating a task, process or execution variables, starting,
    // modifying, suspending or deleting instances, identity) is for coordinators.
    return Decision.of(Verdict.REFUSED);
  }

  /**
   * A province reader: reads everything the engine lets it (Cockpit), including the POST forms of
   * queries, and writes nothing, so that no refused write can touch a job on its way to the engine.
   */
  public static Decision decideForReader(String method, String path) {
    String p = normalized(path);
    boolean reading = "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method);
    if (reading || "POST".equals(method) && READER_QUERY.matcher(p).matches()
        && !startsWithAny(p, List.of("/message", "/signal", "/condition", "/modification", "/migration", "/history/cleanup"))) {
      return Decision.of(Verdict.ENGINE);
    }
    return Decision.of(Verdict.REFUSED);
  }

  /** A coordinator: the engine's grants and tenant check decide, but where the engine has no tenant check. */
  public static Decision decideForCoordinator(String method, String path) {
    return startsWithAny(normalized(path), NOT_TENANT_CHECKED) ? Decision.of(Verdict.REFUSED) : Decision.of(Verdict.ENGINE);
  }

  private static boolean startsWithAny(String path, List<String> prefixes) {
    return prefixes.stream().anyMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
  }

  /** Without a trailing slash or doubled slashes, so that {@code /job/} cannot slip past {@code /job}. */
  static String normalized(String path) {
    String p = path.replaceAll("/{2,}", "/");
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? "/" : p;
  }
}

package org.campaigndesk.security;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The decision on one worker request to the engine's REST API, without the engine: the route
 * ({@link WorkerRoutes}), and for a task variable write the variables it names against the
 * editable fields of the task's form. {@code formFieldsOfTask} gives those fields for a task id
 * (empty: no such task, or a task without a form).
 */
public final class WorkerWriteCheck {

  /** Refused, with the status and the message in Chinese and English; or {@link #ALLOWED}. */
  public record Outcome(int status, String chinese, String english) {
    public boolean allowed() {
      return status == 0;
    }
  }

  public static final Outcome ALLOWED = new Outcome(0, null, null);

  private WorkerWriteCheck() {}

  public static Outcome check(String userId, String method, String route, byte[] body,
      Function<String, Optional<Set<String>>> formFieldsOfTask) {
    return check(userId, WorkerRoutes.decide(method, route), method, route, body, formFieldsOfTask);
  }

  public static Outcome check(String userId, WorkerRoutes.Decision decision, String method, String route, byte[] body,
      Function<String, Optional<Set<String>>> formFieldsOfTask) {
    return switch (decision.verdict()) {
      case ENGINE, TASK_VARIABLE_READ -> ALLOWED;
      case REFUSED -> new Outcome(403, "无权执行此操作：" + method + " " + route,
          "not allowed for user '" + userId + "': " + method + " " + route);
      case TASK_VARIABLES -> taskVariables(route, body, decision.taskId(), formFieldsOfTask);
    };
  }

  private static Outcome taskVariables(String route, byte[] body, String taskId,
      Function<String, Optional<Set<String>>> formFieldsOfTask) {
    Set<String> names;
    try {
      names = TaskVariableNames.of(route, body);
    } catch (IllegalArgumentException e) {
      return new Outcome(400, "请求内容不是有效的 JSON", e.getMessage());
    }
    // …/data uploads a file or a serialized object; no form field does either.
    String foreignType = route.endsWith("/data") ? String.join(",", names) : TaskVariableNames.withForeignType(body);
    if (foreignType != null) {
      String name = foreignType.isEmpty() ? String.join(",", names) : foreignType;
      return new Outcome(403, "变量“" + name + "”的类型不是表单字段的类型（只允许文本、数字、日期、是否）",
          "variable '" + name + "' has a type no form field submits");
    }
    Optional<Set<String>> editable = formFieldsOfTask.apply(taskId);
    if (editable.isEmpty()) {
      return new Outcome(404, "任务不存在", "task '" + taskId + "' does not exist or has no form");
    }
    for (String name : names) {
      if (!editable.get().contains(name)) {
        return new Outcome(403, "不允许修改变量“" + name + "”：它不是本任务表单中可填写的字段",
            "variable '" + name + "' is not an editable field of this task's form");
      }
    }
    return ALLOWED;
  }
}

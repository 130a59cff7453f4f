package org.campaigndesk.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The decision on one worker request to the engine's REST API, without the engine: the route
 * ({@link WorkerRoutes}), and for a task variable write the variables it names against the
 * editable fields (and the types they take) of the task's form. {@code formFieldsOfTask} gives them for a task id
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
      Function<String, Optional<FormFields.Spec>> formFieldsOfTask) {
    return check(userId, WorkerRoutes.decide(method, route), method, route, body, formFieldsOfTask);
  }

  public static Outcome check(String userId, WorkerRoutes.Decision decision, String method, String route, byte[] body,
      Function<String, Optional<FormFields.Spec>> formFieldsOfTask) {
    return switch (decision.verdict()) {
      case ENGINE, TASK_VARIABLE_READ -> ALLOWED;
      case REFUSED -> new Outcome(403, "无权执行此操作：" + method + " " + route,
          "not allowed for user '" + userId + "': " + method + " " + route);
      case TASK_VARIABLES -> taskVariables(route, body, decision.taskId(), formFieldsOfTask);
    };
  }

  private static Outcome taskVariables(String route, byte[] body, String taskId,
      Function<String, Optional<FormFields.Spec>> formFieldsOfTask) {
    Set<String> names;
    try {
      names = TaskVariableNames.of(route, body);
    } catch (IllegalArgumentException e) {
      return new Outcome(400, "请求内容不是有效的 JSON", e.getMessage());
    }
    Optional<FormFields.Spec> form = formFieldsOfTask.apply(taskId);
    // …/data uploads a file or a serialized object outside any form submission; files come with the form.
    String foreignType = route.endsWith("/data") ? String.join(",", names)
        : TaskVariableNames.withForeignType(body, form.map(FormFields.Spec::types).orElse(Map.of()));
    if (foreignType != null) {
      String name = foreignType.isEmpty() ? String.join(",", names) : foreignType;
      return new Outcome(403, "变量“" + name + "”的类型不是表单字段的类型（只允许文本、数字、日期、是否及表单声明的表格和附件）",
          "variable '" + name + "' has a type its form does not submit");
    }
    if (form.isEmpty()) {
      return new Outcome(404, "任务不存在", "task '" + taskId + "' does not exist or has no form");
    }
    Set<String> editable = form.get().editable();
    for (String name : names) {
      if (!editable.contains(name)) {
        return new Outcome(403, "不允许修改变量“" + name + "”：它不是本任务表单中可填写的字段",
            "variable '" + name + "' is not an editable field of this task's form");
      }
    }
    return ALLOWED;
  }
}

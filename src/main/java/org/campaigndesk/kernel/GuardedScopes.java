package org.campaigndesk.kernel;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * A scope of a running instance named by its activity instance id (public API only): its
 * execution, and the open tasks inside it at any depth.
 */
public final class GuardedScopes {

  private GuardedScopes() {}

  /** The scope's activity instance, or null when it has ended. */
  public static ActivityInstance find(RuntimeService runtime, String processInstanceId, String activityInstanceId) {
    ActivityInstance root = runtime.getActivityInstance(processInstanceId);
    return root == null ? null : find(root, activityInstanceId);
  }

  /** The execution of the scope (where its local variables live), or null when it has ended. */
  public static String executionOf(RuntimeService runtime, String processInstanceId, String activityInstanceId) {
    ActivityInstance scope = find(runtime, processInstanceId, activityInstanceId);
    return scope == null || scope.getExecutionIds().length == 0 ? null : scope.getExecutionIds()[0];
  }

  public static List<Task> openTasks(RuntimeService runtime, TaskService tasks, String processInstanceId, String activityInstanceId) {
    ActivityInstance scope = find(runtime, processInstanceId, activityInstanceId);
    if (scope == null) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    collect(scope, ids);
    return tasks.createTaskQuery().processInstanceId(processInstanceId).activityInstanceIdIn(ids.toArray(String[]::new)).list();
  }

  private static ActivityInstance find(ActivityInstance at, String id) {
    if (at.getId().equals(id)) {
      return at;
    }
    for (ActivityInstance child : at.getChildActivityInstances()) {
      ActivityInstance found = find(child, id);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static void collect(ActivityInstance at, List<String> ids) {
    ids.add(at.getId());
    for (ActivityInstance child : at.getChildActivityInstances()) {
      collect(child, ids);
    }
  }
}

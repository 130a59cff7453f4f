package org.campaigndesk.identity;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist shows nothing without a filter. Every user gets "本单位待办" (the tasks of the groups
 * they belong to); coordinators also get "全部待办". Authorization decides what each list holds.
 */
@Component
@Order(30)
public class TasklistFilters implements ApplicationRunner {

  static final String MY_UNIT = "本单位待办";
  static final String ALL_OPEN = "全部待办";

  private final FilterService filterService;
  private final TaskService taskService;
  private final IdentitySync identitySync;

  public TasklistFilters(FilterService filterService, TaskService taskService, IdentitySync identitySync) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.identitySync = identitySync;
  }

  @Override
  public void run(ApplicationArguments args) {
    Filter myUnit = ensure(MY_UNIT, -10, "本单位及本人的待办任务",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
            .orderByDueDate().asc());
    identitySync.grantToAllUsers(Resources.FILTER, myUnit.getId(), Permissions.READ);
    ensure(ALL_OPEN, 0, "所有单位的待办任务（协调人）", taskService.createTaskQuery().orderByDueDate().asc());
  }

  private Filter ensure(String name, int priority, String description, TaskQuery query) {
    Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      return existing;
    }
    Filter filter = filterService.newTaskFilter(name)
        .setOwner("admin")
        .setQuery(query)
        .setProperties(Map.of(
            "description", description,
            "priority", priority,
            "refresh", true,
            "variables", List.of(
                Map.of("name", "taskLabel", "label", "重点工作"),
                Map.of("name", "deadlineText", "label", "完成时限"),
                Map.of("name", "leadUnitName", "label", "牵头责任单位"))));
    return filterService.saveFilter(filter);
  }
}

package org.campaigndesk.identity;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.kernel.InstallationLock;
import org.campaigndesk.plan.Plan;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist's filters. Every user gets three, built on the groups of whoever looks (so a unit added
 * by a later plan needs no filter of its own): 本单位待办, 即将到期（7天内）, 已逾期. The overdue
 * filters list the tasks of key tasks and rectifications whose deadline in force has passed
 * (WatchVariables.DEADLINE_PASSED, set with the key task's overdue state), not tasks past their own
 * due date. Every list sorts overdue first, then by due date. Coordinators
 * (who may read every filter) also get 全部待办, 全部待验收, 全部逾期 and one per campaign of each
 * imported plan. Authorization decides what each list holds.
 */
@Component
@Order(30)
public class TasklistFilters implements ApplicationRunner {

  static final String MY_UNIT = "本单位待办";
  static final String MY_DUE_SOON = "即将到期（7天内）";
  static final String MY_OVERDUE = "已逾期";
  static final String ALL_OPEN = "全部待办";
  static final String ALL_ACCEPTANCE = "全部待验收";
  static final String ALL_OVERDUE = "全部逾期";
  static final String MY_GROUPS = "${currentUserGroups()}";
  /**
   * The process variables every filter shows as columns: the task's key task, deadline, lead unit
   * and campaign, public within the county. The only variables a worker may filter tasks by
   * (config.EngineRestGuard).
   */
  public static final List<String> COLUMN_VARIABLES = List.of("taskLabel", "deadlineText", "leadUnitName", "campaignName");
  /** reminder.WatchVariables.DEADLINE_PASSED, written out: identity comes before reminder. */
  static final String DEADLINE_PASSED = "deadlinePassed";

  private final FilterService filterService;
  private final TaskService taskService;
  private final IdentitySync identitySync;
  private final InstallationLock installationLock;
  /** The configured coordinator (campaign-desk.admin.user-id) owns the filters. */
  private final String owner;

  public TasklistFilters(FilterService filterService, TaskService taskService, IdentitySync identitySync,
      CampaignDeskProperties properties, InstallationLock installationLock) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.identitySync = identitySync;
    this.installationLock = installationLock;
    this.owner = properties.admin().userId();
  }

  /** The filters are every county's: one transaction, in turn with other nodes starting and with imports adding one. */
  @Override
  public void run(ApplicationArguments args) {
    installationLock.inTurn(this::ensureStandardFilters);
  }

  private void ensureStandardFilters() {
    forEveryone(MY_UNIT, -30, "本单位及本人的待办任务", urgentFirst(mine()));
    forEveryone(MY_DUE_SOON, -20, "本单位7天内到期的任务", urgentFirst(mine().dueBeforeExpression("${dateTime().plusDays(7).toDate()}")));
    forEveryone(MY_OVERDUE, -10, "本单位已逾期的重点工作和整改的待办任务", urgentFirst(mine().processVariableValueEquals(DEADLINE_PASSED, true)));
    forCoordinators(ALL_OPEN, 0, "本县所有单位的待办任务", urgentFirst(taskService.createTaskQuery()));
    forCoordinators(ALL_ACCEPTANCE, 10, "等待协调人验收的重点工作", urgentFirst(taskService.createTaskQuery().taskDefinitionKey("Task_Acceptance")));
    forCoordinators(ALL_OVERDUE, 20, "本县已逾期的重点工作和整改的全部待办任务",
        urgentFirst(taskService.createTaskQuery().processVariableValueEquals(DEADLINE_PASSED, true)));
  }

  /**
   * Overdue first (the deadline watch raises an overdue step's priority), then by due date, the
   * soonest first. Tasklist sends its own sort with every list; its default is set to the same in
   * the tasklist's custom script (scripts/campaign-desk/urgency-sort.js).
   */
  static TaskQuery urgentFirst(TaskQuery query) {
    return query.orderByTaskPriority().desc().orderByDueDate().asc();
  }

  /**
   * One coordinators' filter per campaign name (春季攻势行动 …): its work items and the key tasks
   * whose deadline falls in it. Counties share a filter when their campaigns share a name; each
   * coordinator sees only the tasks of their own county in it (the tenant check).
   */
  public void ensureCampaignFilters(Plan plan) {
    // Names are unique only by this check: the caller holds the installation lock (kernel.InstallationLock).
    for (Plan.Campaign campaign : plan.campaigns()) {
      String name = "【" + campaign.name() + "】";
      if (filterService.createFilterQuery().filterName(name).count() > 0) {
        continue;
      }
      int priority = 30 + (int) filterService.createFilterQuery().filterNameLike("【%】").count();
      forCoordinators(name, priority, campaign.name() + "的工作任务和时限在其中的重点工作",
          urgentFirst(taskService.createTaskQuery().processVariableValueEquals("campaignName", campaign.name())));
    }
  }

  /** Whether every campaign of the plan has its filter already (one query): then an import writes none. */
  public boolean hasCampaignFilters(Plan plan) {
    java.util.Set<String> names = new java.util.HashSet<>();
    filterService.createFilterQuery().filterNameLike("【%】").list().forEach(filter -> names.add(filter.getName()));
    return plan.campaigns().stream().allMatch(campaign -> names.contains("【" + campaign.name() + "】"));
  }

  private void forCoordinators(String name, int priority, String description, TaskQuery query) {
    String id = ensure(name, priority, description, query).getId();
    identitySync.grant(IdentitySync.COORDINATORS, Resources.FILTER, id, Permissions.READ);
    identitySync.grant(IdentitySync.PROVINCE, Resources.FILTER, id, Permissions.READ);
  }

  /** The user's groups' tasks (claimed or not) or the tasks assigned to the user, such as a leader's dispatch meeting. */
  private TaskQuery mine() {
    return taskService.createTaskQuery()
        .or().taskCandidateGroupInExpression(MY_GROUPS).includeAssignedTasks().taskAssigneeExpression("${currentUser()}").endOr();
  }

  private void forEveryone(String name, int priority, String description, TaskQuery query) {
    identitySync.grantToAllUsers(Resources.FILTER, ensure(name, priority, description, query).getId(), Permissions.READ);
  }

  private Filter ensure(String name, int priority, String description, TaskQuery query) {
    Filter existing = filterService.createFilterQuery().filterName(name).singleResult();
    if (existing != null) {
      // Keep the filter (its id is in users' bookmarks and authorizations) but bring its query up to date.
      existing.setQuery(query);
      return filterService.saveFilter(existing);
    }
    Filter filter = filterService.newTaskFilter(name)
        .setOwner(owner)
        .setQuery(query)
        .setProperties(Map.of(
            "description", description,
            "priority", priority,
            "refresh", true,
            "variables", List.of(
                Map.of("name", "taskLabel", "label", "重点工作"),
                Map.of("name", "deadlineText", "label", "完成时限"),
                Map.of("name", "leadUnitName", "label", "牵头责任单位"),
                Map.of("name", "campaignName", "label", "阶段行动"))));
    return filterService.saveFilter(filter);
  }
}

package org.campaigndesk.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;

import java.util.List;
import java.util.UUID;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.MonthlyReports;
import org.campaigndesk.Statements;
import org.campaigndesk.imports.PlanImportService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SQL statements one job of each storm runs (issue 15: the storms drain at a fraction of plain
 * Camunda's due timer jobs, each of which ends its instance), counted on the job's own thread.
 */
class StormJobStatementsTest extends AbstractAppTest {

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;

  Statements.Counted<Void> run(Job job) {
    Statements.Counted<Void> counted = Statements.count(() -> managementService.executeJob(job.getId()));
    if (Boolean.getBoolean("statements.sql")) {
      counted.sql().forEach(sql -> System.out.println("    | " + (sql.length() > 200 ? sql.substring(0, 140) + " … " + sql.substring(Math.max(140, sql.length() - 200)) : sql)));
    }
    return counted;
  }

  @Test
  void campaignOpeningAndItsItems() {
    clock("2026-01-01T00:30:00+08:00");
    planId = "st-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(CampaignPlans.plan(planId, 0), "test", null);
    ProcessInstance spring = runtimeService.createProcessInstanceQuery().processDefinitionKey(CampaignVariables.PROCESS_KEY)
        .processInstanceBusinessKey(planId).variableValueEquals(CampaignVariables.CAMPAIGN_ID, "spring").singleResult();

    clock("2026-01-01T08:00:30+08:00");
    managementService.executeJob(jobAt(spring, "Timer_WindowOpens").getId());
    Statements.Counted<Void> opening = run(jobAt(spring, "Task_OpenCampaign"));
    System.out.println("campaign opening job:\n" + opening);

    List<Job> items = managementService.createJobQuery().processInstanceId(spring.getId()).activityId("SubProcess_ItemWork").list();
    assertThat(items).hasSize(4);
    for (Job item : items) {
      Statements.Counted<Void> counted = run(item);
      System.out.println("campaign item job:\n" + counted);
    }
    assertThat(taskService.createTaskQuery().processInstanceId(spring.getId()).taskDefinitionKey("Task_CampaignItem").count()).isEqualTo(4);
  }

  @Test
  void monthOpening() {
    clock("2026-01-05T09:00:00+08:00");
    planId = "sm-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(CampaignPlans.plan(planId, 0), "test", null);
    for (Job atAssignment : MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId)) {
      managementService.executeJob(atAssignment.getId());
    }
    clock("2026-02-01T08:00:30+08:00");
    Job calendar = MonthlyReports.calendarOpening(managementService, runtimeService, planId);
    System.out.println("month-start calendar job:\n" + run(calendar));
    List<Job> openings = MonthlyReports.openingsOfThePlan(managementService, runtimeService, planId);
    assertThat(openings).isNotEmpty();
    for (Job opening : openings) {
      System.out.println("month opening job:\n" + run(opening));
    }
  }

  Job jobAt(ProcessInstance instance, String activityId) {
    return managementService.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).singleResult();
  }
}

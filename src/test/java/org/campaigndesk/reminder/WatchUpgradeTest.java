package org.campaigndesk.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueWatchJobs;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.task.KeyTaskRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A running key task's completion watch from before its call named the scope it guards learns it at
 * start-up: the key task's unit work, around the event subprocess that starts the watch, whether that
 * subprocess names it (it ran its start) or not (a migration added it around a running watch).
 * ({@code isPositive}: the shared context may hold other such watches; all of them are given theirs.)
 */
class WatchUpgradeTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  WatchUpgrade watches;

  @Test
  void aWatchWithoutItsScope_learnsTheUnitWorkItGuards() {
    clock("2026-03-10T10:00:00+08:00");
    planId = "wu-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance two = keyTask(2);
    // A week before 30 June the first reminder is due: the completion watch starts.
    clock("2026-06-23T09:00:30+08:00");
    runDueWatchJobs(managementService, runtimeService, two.getId());
    ProcessInstance watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(two.getId())
        .variableValueEquals(WatchVariables.DEADLINE_KIND, "completion").singleResult();
    ActivityInstance tree = runtimeService.getActivityInstance(two.getId());
    String unitWork = tree.getActivityInstances("SubProcess_UnitWork")[0].getId();
    assertThat(runtimeService.getVariable(watch.getId(), WatchVariables.WATCHED_SCOPE)).isEqualTo(unitWork);

    // Its start subprocess names the scope: that is the one.
    runtimeService.removeVariable(watch.getId(), WatchVariables.WATCHED_SCOPE);
    assertThat(watches.giveScopes()).isPositive();
    assertThat(runtimeService.getVariable(watch.getId(), WatchVariables.WATCHED_SCOPE)).isEqualTo(unitWork);

    // Its start subprocess names nothing: the scope around it.
    runtimeService.removeVariable(watch.getId(), WatchVariables.WATCHED_SCOPE);
    String starter = tree.getActivityInstances("SubProcess_CompletionWatch")[0].getExecutionIds()[0];
    runtimeService.removeVariableLocal(starter, WatchVariables.WATCHED_SCOPE);
    assertThat(watches.giveScopes()).isPositive();
    assertThat(runtimeService.getVariable(watch.getId(), WatchVariables.WATCHED_SCOPE)).isEqualTo(unitWork);
    assertThat(watches.giveScopes()).isZero();
    runtimeService.deleteProcessInstance(two.getId(), "test");
  }

  /**
   * A key task whose completion deadline passed on a version whose watch marked the watched scope
   * itself (overdue) and wrote nothing the record upgrade reads: its record says not passed, so
   * Tasklist's overdue filters would miss it. The start-up upgrade reports the passed deadline again:
   * the key task shows it (record and index), its open task keeps the raised priority.
   */
  @Test
  void aPassedDeadlineTheScopeShowsButTheKeyTaskDoesNot_isReportedAgain() {
    clock("2026-03-10T10:00:00+08:00");
    planId = "wr-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    ProcessInstance two = keyTask(2);
    clock("2026-07-01T09:00:30+08:00");
    runDueWatchJobs(managementService, runtimeService, two.getId());
    assertThat(runtimeService.getVariable(two.getId(), WatchVariables.DEADLINE_PASSED)).isEqualTo(true);
    // As the upgrade from such a version leaves it: the scope marked, the record built without the passed deadline.
    KeyTaskRecord record = KeyTaskRecord.read(runtimeService.getVariable(two.getId(), KeyTaskRecord.VARIABLE));
    runtimeService.removeVariable(two.getId(), WatchVariables.DEADLINE_PASSED);
    runtimeService.setVariables(two.getId(), record.withDeadlinePassed(false).variables());
    String unitWork = runtimeService.getActivityInstance(two.getId()).getActivityInstances("SubProcess_UnitWork")[0]
        .getExecutionIds()[0];
    assertThat(runtimeService.getVariableLocal(unitWork, WatchVariables.OVERDUE)).isEqualTo(true);

    assertThat(watches.reportAgain()).isPositive();

    assertThat(runtimeService.getVariable(two.getId(), WatchVariables.DEADLINE_PASSED)).isEqualTo(true);
    assertThat(KeyTaskRecord.read(runtimeService.getVariable(two.getId(), KeyTaskRecord.VARIABLE)).deadlinePassed()).isTrue();
    assertThat(runtimeService.getVariableLocal(unitWork, WatchVariables.OVERDUE)).isEqualTo(true);
    // Shown now: nothing to report again at the next start.
    assertThat(watches.reportAgain()).isZero();
    runtimeService.deleteProcessInstance(two.getId(), "test");
  }
}

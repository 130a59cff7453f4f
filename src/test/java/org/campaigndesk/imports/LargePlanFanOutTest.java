package org.campaigndesk.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.campaign.AnnualPlanStarter;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A plan with more key tasks than campaign-desk.import.fan-out-above (200): the import answers 202
 * at once and the job executor starts its key tasks one per job, each in a transaction of its own
 * (one transaction for thousands of key tasks took minutes in the engine's flush);
 * GET /api/plans/{id}/progress shows how far it got. (The shared test context's threshold: a
 * context of its own would put a second engine into Camunda's JVM-wide registries.)
 */
class LargePlanFanOutTest extends AbstractAppTest {

  static final int KEY_TASKS = 201;

  /** The test plan's four key tasks, then copies of its first numbered on to {@link #KEY_TASKS}. */
  static String largePlan(String planId) {
    String plan = TestPlans.plan(planId);
    int at = plan.indexOf("progressReportDates:");
    StringBuilder more = new StringBuilder();
    for (int no = 5; no <= KEY_TASKS; no++) {
      more.append("  - no: ").append(no).append("\n")
          .append("    title: 产业扶贫成效提升工程（").append(no).append("）\n")
          .append("    leadLeaders: [t-zhang]\n")
          .append("    leadUnits: [t-agri]\n")
          .append("    deadline: 2026-10-30\n");
    }
    return plan.substring(0, at) + more + plan.substring(at);
  }

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  TaskService taskService;

  final ObjectMapper json = new ObjectMapper();

  @Test
  void aLargePlanIsAcceptedAtOnce_andItsKeyTasksStartOneByOne_withVisibleProgress() throws Exception {
    TimeTravel.clock("2026-03-02T10:00:00+08:00");
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    ResponseEntity<String> response = rest.withBasicAuth("admin", "test-admin")
        .postForEntity("/api/plans", new HttpEntity<>(largePlan("fan-out"), headers), String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(response.getHeaders().getLocation()).hasPath("/api/plans/fan-out/progress");
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("status").asText()).isEqualTo("starting");
    assertThat(body.get("keyTasks").asInt()).isEqualTo(KEY_TASKS);
    assertThat(body.get("keyTasksStarted").asInt()).isZero();
    JsonNode before = progress();
    assertThat(before.get("state").asText()).isEqualTo("starting");
    assertThat(before.get("keyTasksStarted").asInt()).isZero();

    ProcessInstance annualPlan = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(AnnualPlanStarter.PROCESS_KEY).processInstanceBusinessKey("fan-out").singleResult();
    // One job per key task (not exclusive: the job executor's threads start them side by side).
    List<org.camunda.bpm.engine.runtime.Job> starts = managementService.createJobQuery().processInstanceId(annualPlan.getId())
        .activityId("CallActivity_KeyTasksFannedOut").list();
    assertThat(starts).hasSize(KEY_TASKS);

    managementService.executeJob(starts.get(0).getId());
    assertThat(progress().get("keyTasksStarted").asInt()).isEqualTo(1);

    TimeTravel.runDueJobs(managementService, annualPlan.getId());
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, "fan-out").count()).isEqualTo(KEY_TASKS);
    JsonNode after = progress();
    assertThat(after.get("state").asText()).isEqualTo("done");
    assertThat(after.get("keyTasksStarted").asInt()).isEqualTo(KEY_TASKS);
    planId = "fan-out";
    // Each key task runs as when started with its plan: its lead unit signs for it.
    for (int no : new int[] {1, 2, 3, 4, 5, KEY_TASKS}) {
      assertThat(taskService.createTaskQuery().processInstanceId(keyTask(no).getId()).taskDefinitionKey("Task_SignFor").count())
          .as("sign-for task of key task %d", no).isEqualTo(1);
    }
  }

  private JsonNode progress() throws Exception {
    ResponseEntity<String> answer = rest.withBasicAuth("admin", "test-admin").getForEntity("/api/plans/fan-out/progress", String.class);
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
    return json.readTree(answer.getBody());
  }
}

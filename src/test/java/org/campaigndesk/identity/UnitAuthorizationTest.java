package org.campaigndesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.task.KeyTaskStarter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** With authorization enabled, a unit's users see and complete only their own unit's tasks over REST. */
class UnitAuthorizationTest extends AbstractAppTest {

  static final String PLAN = "authz-plan";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  PlanImportService importService;
  @Autowired
  IdentityService identityService;
  @Autowired
  TaskService taskService;

  final ObjectMapper json = new ObjectMapper();
  Task agriSignFor;
  Task waterSignFor;

  @BeforeEach
  void importPlanWithOwnUnits() {
    if (identityService.createGroupQuery().groupId("az-agri").count() == 0) {
      // Own unit ids ("az-…") so that no other test's failed logins have locked these users.
      importService.importPlan(TestPlans.plan(PLAN).replace("t-", "az-"), "test", null);
      setPassword("az-agri", "agri-pw");
      setPassword("az-water", "water-pw");
    }
    agriSignFor = signFor(1);
    waterSignFor = signFor(2);
  }

  void setPassword(String userId, String password) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    user.setPassword(password);
    identityService.saveUser(user);
  }

  Task signFor(int taskNo) {
    return taskService.createTaskQuery().processInstanceBusinessKey(KeyTaskStarter.businessKey(PLAN, taskNo))
        .taskDefinitionKey("Task_SignFor").singleResult();
  }

  List<String> visibleTaskIds(String user, String password) throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth(user, password).getForEntity("/engine-rest/task?maxResults=1000", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<String> ids = new ArrayList<>();
    json.readTree(response.getBody()).forEach(t -> ids.add(t.get("id").asText()));
    return ids;
  }

  ResponseEntity<String> complete(String user, String password, String taskId, String variablesJson) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, password).postForEntity("/engine-rest/task/" + taskId + "/complete",
        new HttpEntity<>("{\"variables\": " + variablesJson + "}", headers), String.class);
  }

  @Test
  void unitSeesOnlyItsOwnTasks() throws Exception {
    List<String> waterSees = visibleTaskIds("az-water", "water-pw");
    assertThat(waterSees).contains(waterSignFor.getId()).doesNotContain(agriSignFor.getId());
    List<String> agriSees = visibleTaskIds("az-agri", "agri-pw");
    assertThat(agriSees).contains(agriSignFor.getId()).doesNotContain(waterSignFor.getId());
    // Everything az-agri sees is offered to az-agri: sign-for and quarterly reports of key tasks 1 and 3.
    assertThat(agriSees).isNotEmpty().allSatisfy(id -> assertThat(taskService.getIdentityLinksForTask(id))
        .anyMatch(link -> "az-agri".equals(link.getGroupId())));

    ResponseEntity<String> direct = rest.withBasicAuth("az-water", "water-pw")
        .getForEntity("/engine-rest/task/" + agriSignFor.getId(), String.class);
    // Camunda reads a single task through an authorized query: another unit's task does not exist for you.
    assertThat(direct.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void unitCannotCompleteOrClaimAnotherUnitsTask() {
    ResponseEntity<String> completion = complete("az-water", "water-pw", agriSignFor.getId(),
        "{\"signedBy\": {\"value\": \"冒名\"}, \"signedByPhone\": {\"value\": \"123456789\"}}");
    assertThat(completion.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    ResponseEntity<String> claim = rest.withBasicAuth("az-water", "water-pw").postForEntity(
        "/engine-rest/task/" + agriSignFor.getId() + "/claim", new HttpEntity<>("{\"userId\": \"az-water\"}", headers), String.class);
    assertThat(claim.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(taskService.createTaskQuery().taskId(agriSignFor.getId()).singleResult().getAssignee()).isNull();
  }

  @Test
  void unitOpensItsFormAndCompletesItsTask() throws Exception {
    Task task = signFor(3);
    ResponseEntity<String> form = rest.withBasicAuth("az-agri", "agri-pw")
        .getForEntity("/engine-rest/task/" + task.getId() + "/deployed-form", String.class);
    assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(form.getBody()).get("id").asText()).isEqualTo("key-task-sign-for");

    ResponseEntity<String> variables = rest.withBasicAuth("az-agri", "agri-pw")
        .getForEntity("/engine-rest/task/" + task.getId() + "/form-variables?deserializeValues=false", String.class);
    JsonNode vars = json.readTree(variables.getBody());
    // The header's facts come as the key task's record (one Json variable), the deadline's text beside it.
    assertThat(vars.get("keyTask").get("type").asText()).isEqualTo("Json");
    // As Tasklist and the form kit ask for it: the JSON as text.
    JsonNode record = json.readTree(vars.get("keyTask").get("value").asText());
    assertThat(record.get("label").asText()).isEqualTo("【三】党建扶贫双推进提升工程");
    assertThat(vars.get("deadlineText").get("value").asText()).startsWith("全年推进");

    ResponseEntity<String> completion = complete("az-agri", "agri-pw", task.getId(),
        "{\"signedBy\": {\"value\": \"王五\"}, \"signedByPhone\": {\"value\": \"0878-1234567\"}}");
    assertThat(completion.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(taskService.createTaskQuery().processInstanceId(task.getProcessInstanceId())
        .taskDefinitionKey("Task_ImplementationPlan").taskCandidateGroup("az-agri").count()).isEqualTo(1);
  }
}

package org.campaigndesk.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.plan.PlanRepository;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.campaign.AnnualPlanStarter;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class PlanImportApiTest extends AbstractAppTest {

  static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  PlanRepository repository;
  @Autowired
  IdentityService identityService;
  @Autowired
  RepositoryService repositoryService;

  final ObjectMapper json = new ObjectMapper();

  ResponseEntity<String> post(String user, String password, String yaml) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(YAML);
    return rest.withBasicAuth(user, password).postForEntity("/api/plans", new HttpEntity<>(yaml, headers), String.class);
  }

  long instancesOf(String planId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId).count();
  }

  @Test
  void coordinatorImportsAPlan_andEveryKeyTaskStarts() throws Exception {
    ResponseEntity<String> response = post("admin", "test-admin", TestPlans.plan("api-ok"));
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(response.getHeaders().getLocation()).hasPath("/api/plans/api-ok");
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("planId").asText()).isEqualTo("api-ok");
    assertThat(body.get("keyTasksStarted").asInt()).isEqualTo(4);
    assertThat(instancesOf("api-ok")).isEqualTo(4);
    assertThat(identityService.createGroupQuery().groupId("t-agri").singleResult().getName()).isEqualTo("测试县农业农村局");
    assertThat(identityService.createUserQuery().userId("t-agri").memberOfGroup("t-agri").count()).isEqualTo(1);
    assertThat(identityService.createUserQuery().userId("t-zhang").singleResult().getFirstName()).isEqualTo("张三");
    // Outside the demo, imported users get no password: an administrator sets them.
    assertThat(identityService.checkPassword("t-agri", "demo")).isFalse();

    ResponseEntity<String> again = post("admin", "test-admin", TestPlans.plan("api-ok"));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(json.readTree(again.getBody()).get("error").asText()).contains("plan 'api-ok' was imported");
    assertThat(instancesOf("api-ok")).isEqualTo(4);
  }

  @Test
  void invalidPlan_answers400WithEveryError_andNothingIsStored() throws Exception {
    String yaml = TestPlans.plan("api-bad")
        .replace("leadUnits: [t-water, t-fpb]", "leadUnits: [t-water, x]")
        .replace("deadline: year-round", "deadline: someday");
    ResponseEntity<String> response = post("admin", "test-admin", yaml);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode errors = json.readTree(response.getBody()).get("errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0).get("path").asText()).isEqualTo("tasks[1].leadUnits[1]");
    assertThat(errors.get(0).get("message").asText()).isEqualTo("unknown unit 'x'");
    assertThat(errors.get(1).get("path").asText()).isEqualTo("tasks[2].deadline");
    assertThat(repository.find("api-bad")).isEmpty();
    assertThat(instancesOf("api-bad")).isZero();
  }

  @Test
  void unitIdAlreadyUsedForAnotherUnit_isRejectedBeforeAnythingIsWritten() throws Exception {
    post("admin", "test-admin", TestPlans.plan("api-first"));
    String clash = TestPlans.plan("api-clash").replace("name: 测试县水务局", "name: 另一个县水务局")
        .replace("id: t-town2, name: 乙乡", "id: t-newtown, name: 丙镇");
    ResponseEntity<String> response = post("admin", "test-admin", clash);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // The county knows t-water as 测试县水务局: another name is refused, the differing field named.
    assertThat(response.getBody()).contains("units[1]").contains("name '测试县水务局' → '另一个县水务局'");
    assertThat(repository.find("api-clash")).isEmpty();
    assertThat(identityService.createGroupQuery().groupId("t-newtown").count()).isZero();
    assertThat(instancesOf("api-clash")).isZero();
  }

  @Test
  void failureWhileStartingKeyTasks_rollsBackThePlanAndItsUsers() {
    // A suspended annual-plan definition makes the start of the plan's processes fail after the plan
    // row, its groups and users have been written: all of it must be rolled back.
    repositoryService.suspendProcessDefinitionByKey(AnnualPlanStarter.PROCESS_KEY);
    try {
      String yaml = TestPlans.plan("api-rollback").replace("id: t-town2, name: 乙乡", "id: t-rollback, name: 丁镇");
      ResponseEntity<String> response = post("admin", "test-admin", yaml);
      assertThat(response.getStatusCode().is5xxServerError()).isTrue();
    } finally {
      repositoryService.activateProcessDefinitionByKey(AnnualPlanStarter.PROCESS_KEY);
    }
    assertThat(repository.find("api-rollback")).isEmpty();
    assertThat(identityService.createGroupQuery().groupId("t-rollback").count()).isZero();
    assertThat(identityService.createUserQuery().userId("t-rollback").count()).isZero();
    assertThat(instancesOf("api-rollback")).isZero();
  }

  @Test
  void api_requiresACoordinator() {
    assertThat(rest.postForEntity("/api/plans", new HttpEntity<>(TestPlans.plan("api-auth")), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    post("admin", "test-admin", TestPlans.plan("api-auth-setup"));
    // A wrong password for t-agri, not admin: the failed check locks the user for a few seconds, and
    // other tests of the same context log in as admin.
    assertThat(post("t-agri", "wrong", TestPlans.plan("api-auth")).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // t-water, not t-agri: a failed password check locks a Camunda user for a few seconds.
    org.camunda.bpm.engine.identity.User contact = identityService.createUserQuery().userId("t-water").singleResult();
    contact.setPassword("water-secret");
    identityService.saveUser(contact);
    ResponseEntity<String> forbidden = post("t-water", "water-secret", TestPlans.plan("api-auth"));
    assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(repository.find("api-auth")).isEmpty();
  }

  @Test
  void engineRest_requiresAuthentication() {
    assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(rest.withBasicAuth("admin", "test-admin").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }
}

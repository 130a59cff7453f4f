package org.campaigndesk.identity;

import org.campaigndesk.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.Mails;
import org.campaigndesk.TimeTravel;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Two counties in one installation, with the same unit ids: each county's people see and act on
 * their own county only, in REST and in the application's API, and its mail stays with it.
 */
class CountiesTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  static final String PASSWORD = "county-pw";
  static boolean imported;

  @Autowired
  PlanImportService importService;
  @Autowired
  IdentityService identityService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  Recipients recipients;
  @Autowired
  TestRestTemplate rest;

  final ObjectMapper json = new ObjectMapper();

  /** A county's plan; both counties call their units agri, water and town1 and their leader boss. */
  static String countyPlan(String planId, String regionId, String regionName) {
    return """
        plan:
          id: %s
          region: {id: %s, name: %s}
          title: %s2026年扶贫开发工作计划
          year: 2026
        units:
          - {id: agri, name: %s农业农村局, kind: department, email: agri@%s.example.org}
          - {id: water, name: %s水务局, kind: department, email: water@%s.example.org}
          - {id: town1, name: %s甲镇, kind: township, email: town1@%s.example.org}
        leaders:
          - {id: boss, name: %s县长, email: boss@%s.example.org}
        tasks:
          - {no: 1, title: 产业扶贫, leadLeaders: [boss], leadUnits: [agri], units: ["@townships"], deadline: 2026-12-20}
          - {no: 2, title: 饮水安全, leadUnits: [water], units: [agri], deadline: 2026-12-28}
        """.formatted(planId, regionId, regionName, regionName, regionName, regionId, regionName, regionId, regionName,
        regionId, regionName, regionId);
  }

  @BeforeEach
  void twoCounties() {
    clock("2026-12-07T10:00:00+08:00");
    if (imported) {
      return;
    }
    importService.importPlan(countyPlan("ca-2026", "ca", "甲县"), "test", null);
    importService.importPlan(countyPlan("cb-2026", "cb", "乙县"), "test", null);
    person("coord-ca", "甲县协调人", "coordinators", "ca");
    person("coord-cb", "乙县协调人", "coordinators", "cb");
    person("discipline-ca", "甲县纪委监委", "discipline-commission", "ca");
    person("discipline-cb", "乙县纪委监委", "discipline-commission", "cb");
    person("prov", "省扶贫办", IdentitySync.PROVINCE, null);
    for (String unit : List.of("agri", "cb.agri", "water", "cb.water")) {
      User user = identityService.createUserQuery().userId(unit).singleResult();
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
    }
    imported = true;
  }

  void person(String id, String name, String group, String region) {
    User user = identityService.newUser(id);
    user.setFirstName(name);
    user.setLastName("");
    user.setEmail(id + "@test.example.org");
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, group);
    if (region != null) {
      identityService.createTenantUserMembership(region, id);
    }
  }

  JsonNode get(String user, String path) throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth(user, PASSWORD).getForEntity(path, String.class);
    assertThat(response.getStatusCode().is2xxSuccessful()).as(path + " as " + user + ": " + response.getBody()).isTrue();
    return json.readTree(response.getBody());
  }

  List<String> tenantsOf(JsonNode items) {
    return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(n -> n.get("tenantId").asText()).distinct().toList();
  }

  @Test
  void theSameUnitIdInTwoCounties_getsItsOwnLogin_andEveryInstanceItsCounty() {
    assertThat(identityService.createGroupQuery().groupId("agri").singleResult().getName()).isEqualTo("甲县农业农村局");
    assertThat(identityService.createGroupQuery().groupId("cb.agri").singleResult().getName()).isEqualTo("乙县农业农村局");
    assertThat(identityService.createTenantQuery().groupMember("agri").singleResult().getId()).isEqualTo("ca");
    assertThat(identityService.createTenantQuery().groupMember("cb.agri").singleResult().getId()).isEqualTo("cb");
    assertThat(identityService.createTenantQuery().userMember("cb.boss").singleResult().getName()).isEqualTo("乙县");

    assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals(KeyTaskVariables.PLAN_ID, "cb-2026").list())
        .isNotEmpty().allSatisfy(pi -> assertThat(pi.getTenantId()).isEqualTo("cb"));
    Task signFor = taskService.createTaskQuery().processInstanceBusinessKey("cb-2026/01").taskDefinitionKey("Task_SignFor").singleResult();
    assertThat(signFor.getTenantId()).isEqualTo("cb");
    assertThat(taskService.getIdentityLinksForTask(signFor.getId())).anyMatch(l -> "cb.agri".equals(l.getGroupId()));
  }

  @Test
  void unitsAndCoordinators_seeOnlyTheirCounty_inRest() throws Exception {
    assertThat(tenantsOf(get("agri", "/engine-rest/task"))).containsExactly("ca");
    assertThat(tenantsOf(get("cb.agri", "/engine-rest/task"))).containsExactly("cb");
    assertThat(tenantsOf(get("coord-ca", "/engine-rest/task?maxResults=500"))).containsExactly("ca");
    assertThat(tenantsOf(get("coord-cb", "/engine-rest/process-instance?maxResults=500"))).containsExactly("cb");
    assertThat(tenantsOf(get("coord-ca", "/engine-rest/history/process-instance?maxResults=500"))).containsExactly("ca");
    // Jobs of no county (the history cleanup) are the installation's; none of county cb shows.
    assertThat(tenantsOf(get("coord-ca", "/engine-rest/job?maxResults=500"))).contains("ca").doesNotContain("cb");
    assertThat(get("coord-ca", "/engine-rest/process-instance/count?businessKey=cb-2026/01").get("count").asInt()).isZero();
    // The province reads both counties.
    // (Other tests' counties share this context: the province reads them as well.)
    assertThat(tenantsOf(get("prov", "/engine-rest/task?maxResults=500"))).contains("ca", "cb");
  }

  @Test
  void writesIntoAnotherCounty_areRefused_andChangeNothing() throws Exception {
    Task foreign = taskService.createTaskQuery().processInstanceBusinessKey("cb-2026/01").taskDefinitionKey("Task_SignFor").singleResult();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    for (String user : List.of("coord-ca", "agri", "prov")) {
      ResponseEntity<String> complete = rest.withBasicAuth(user, PASSWORD).postForEntity(
          "/engine-rest/task/" + foreign.getId() + "/complete", new HttpEntity<>("{}", headers), String.class);
      // Refused as not found (another county's task does not exist for you) or forbidden, never a 500 (ENGINE-13034).
      assertThat(complete.getStatusCode().value()).as("complete as " + user).isIn(403, 404);
      ResponseEntity<String> claim = rest.withBasicAuth(user, PASSWORD).postForEntity(
          "/engine-rest/task/" + foreign.getId() + "/claim", new HttpEntity<>("{\"userId\":\"" + user + "\"}", headers), String.class);
      assertThat(claim.getStatusCode().is2xxSuccessful()).as("claim as " + user).isFalse();
    }
    assertThat(taskService.createTaskQuery().taskId(foreign.getId()).singleResult().getAssignee()).isNull();

    // The other county's instance: its variables can be neither read nor written, it cannot be deleted or messaged.
    String instance = foreign.getProcessInstanceId();
    for (String user : List.of("coord-ca", "agri")) {
      var as = rest.withBasicAuth(user, PASSWORD);
      assertThat(as.getForEntity("/engine-rest/process-instance/" + instance + "/variables", String.class).getStatusCode()
          .is2xxSuccessful()).as("read variables as " + user).isFalse();
      assertThat(as.getForEntity("/engine-rest/task/" + foreign.getId() + "/variables", String.class).getStatusCode()
          .is2xxSuccessful()).as("read task variables as " + user).isFalse();
      // Empty for another county's coordinator; refused outright for a unit (the REST guard).
      ResponseEntity<String> history = as.getForEntity("/engine-rest/history/variable-instance?processInstanceId=" + instance,
          String.class);
      assertThat(!history.getStatusCode().is2xxSuccessful() || "[]".equals(history.getBody()))
          .as("history of variables as " + user + ": " + history.getBody()).isTrue();
      assertThat(as.postForEntity("/engine-rest/process-instance/" + instance + "/variables",
          new HttpEntity<>("{\"modifications\": {\"leadUnitId\": {\"value\": \"agri\"}}}", headers), String.class)
          .getStatusCode().is2xxSuccessful()).as("write variables as " + user).isFalse();
      assertThat(as.exchange("/engine-rest/process-instance/" + instance, HttpMethod.DELETE, null, String.class)
          .getStatusCode().is2xxSuccessful()).as("delete as " + user).isFalse();
      assertThat(as.postForEntity("/engine-rest/message", new HttpEntity<>("{\"messageName\": \"LeadUnitChange\","
          + " \"processInstanceId\": \"" + instance + "\"}", headers), String.class)
          .getStatusCode().is2xxSuccessful()).as("message as " + user).isFalse();
    }
    assertThat(runtimeService.getVariable(instance, "leadUnitId")).as("nothing written").isNull();
    assertThat(org.campaigndesk.task.KeyTaskRecord.read(runtimeService.getVariable(instance, "keyTask")).leadUnitId())
        .isEqualTo("cb.agri");
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);

    // The application's API: a coordinator can neither import into, list, nor withdraw another county's plans.
    HttpHeaders yaml = new HttpHeaders();
    yaml.setContentType(MediaType.parseMediaType("application/yaml"));
    ResponseEntity<String> intoB = rest.withBasicAuth("coord-ca", PASSWORD).postForEntity("/api/plans",
        new HttpEntity<>(countyPlan("cb-extra", "cb", "乙县"), yaml), String.class);
    assertThat(intoB.getStatusCode().value()).isEqualTo(403);
    assertThat(intoB.getBody()).contains("not a coordinator of region 'cb'");
    ResponseEntity<String> withdrawB = rest.withBasicAuth("coord-ca", PASSWORD).exchange("/api/plans/cb-2026?reason=错误",
        HttpMethod.DELETE, null, String.class);
    assertThat(withdrawB.getStatusCode().value()).isEqualTo(403);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task").processInstanceBusinessKey("cb-2026/01").count()).isEqualTo(1);
    assertThat(get("coord-ca", "/api/plans").findValuesAsText("id")).contains("ca-2026").doesNotContain("cb-2026");
    assertThat(rest.withBasicAuth("coord-ca", PASSWORD).getForEntity("/api/plans/cb-2026", String.class).getStatusCode().value())
        .isEqualTo(404);
    // The province reads every plan but imports none.
    assertThat(get("prov", "/api/plans").findValuesAsText("id")).contains("ca-2026", "cb-2026");
    assertThat(rest.withBasicAuth("prov", PASSWORD).postForEntity("/api/plans",
        new HttpEntity<>(countyPlan("prov-x", "cz", "丙县"), yaml), String.class).getStatusCode().value()).isEqualTo(403);
    // A unit may not use the API at all.
    assertThat(rest.withBasicAuth("agri", PASSWORD).getForEntity("/api/plans", String.class).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void roleGroupsAreAddressedPerCounty_soMailNeverCrossesCounties() throws Exception {
    assertThat(recipients.groupMembers("coordinators", "ca")).extracting(Recipient::userId).contains("coord-ca").doesNotContain("coord-cb");
    assertThat(recipients.groupMembers("discipline-commission", "cb")).extracting(Recipient::userId)
        .containsExactly("discipline-cb");

    // County cb's task 1 passes its deadline: the overdue notice reaches cb's unit, leader and coordinator only.
    clock("2026-12-21T10:00:00+08:00");
    TimeTravel.runDueJobsOfCounties(managementService, "ca", "cb");
    List<String> overdueTo = new java.util.ArrayList<>();
    for (var message : Mails.received(greenMail)) {
      // The key task's deadline; December's report (opened at the import, due the 20th) is overdue too and mails of its own.
      if (message.getSubject().startsWith("【逾期】【一】产业扶贫 · 办结时限")) {
        overdueTo.add(message.getAllRecipients()[0].toString());
      }
    }
    assertThat(overdueTo).contains("agri@cb.example.org", "boss@cb.example.org", "coord-cb@test.example.org",
        "agri@ca.example.org", "coord-ca@test.example.org");
    // Each county's overdue mail names its own unit; nobody gets the other county's.
    assertThat(overdueTo).filteredOn(a -> a.equals("coord-cb@test.example.org")).hasSize(1);
    assertThat(overdueTo).filteredOn(a -> a.equals("coord-ca@test.example.org")).hasSize(1);
    assertThat(Mails.subjects(Mails.received(greenMail))).isNotEmpty();

    // The mailbox page shows each coordinator the mail of their county.
    String mailboxA = rest.withBasicAuth("coord-ca", PASSWORD).getForObject("/api/mail", String.class);
    assertThat(mailboxA).contains("agri@ca.example.org").doesNotContain("@cb.example.org");
    String mailboxProvince = rest.withBasicAuth("prov", PASSWORD).getForObject("/api/mail", String.class);
    assertThat(mailboxProvince).contains("agri@ca.example.org").contains("agri@cb.example.org");
  }

}

package org.campaigndesk.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.campaigndesk.TimeTravel.clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.task.KeyTaskStarter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Must-show 2: every kind of user × every REST read of one key task's data (county mxa): instances,
 * variables, history, jobs, incidents, deployments, tasks, a task's variables, and the web apps'
 * engine API and Cockpit plugin API through a Tasklist session. A read "leaks" when it answers
 * data its user may not see; the figures (tried / refused / leaked) are printed and go into the
 * README's Security section.
 */
class AuthorizationMatrixTest extends AbstractAppTest {

  static final String PASSWORD = "matrix-pw";

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
  TestRestTemplate rest;

  final ObjectMapper json = new ObjectMapper();

  static String plan(String planId, String region, String name) {
    return """
        plan:
          id: %s
          region: {id: %s, name: %s}
          title: %s2026年扶贫开发工作计划
          year: 2026
        units:
          - {id: %s-agri, name: %s农业农村局, kind: department, email: agri@%s.example.org}
          - {id: %s-water, name: %s水务局, kind: department, email: water@%s.example.org}
          - {id: %s-town, name: %s甲镇, kind: township, email: town@%s.example.org}
        leaders:
          - {id: %s-boss, name: %s县长, email: boss@%s.example.org}
        tasks:
          - {no: 1, title: 产业扶贫, leadLeaders: [%s-boss], leadUnits: [%s-agri], units: ["@townships"], deadline: 2026-12-28}
          - {no: 2, title: 饮水安全, leadUnits: [%s-water], deadline: 2026-12-28}
        """.formatted(planId, region, name, name, region, name, region, region, name, region, region, name, region,
        region, name, region, region, region, region);
  }

  void person(String id, String group, String region) {
    User user = identityService.newUser(id);
    user.setFirstName(id);
    user.setLastName("");
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(id, group);
    if (region != null) {
      identityService.createTenantUserMembership(region, id);
    }
  }

  void password(String id) {
    User user = identityService.createUserQuery().userId(id).singleResult();
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
  }

  /** Who may see county mxa's key task 1 (lead mxa-agri, contributor mxa-town). */
  enum Kind { LEAD_UNIT, CONTRIBUTOR, OTHER_UNIT, LEADER, DISCIPLINE, PROVINCE, COORDINATOR, OTHER_COUNTY_COORDINATOR,
    OTHER_COUNTY_UNIT, ADMIN }

  @Test
  void everyUserKind_readsOnlyWhatItTakesPartIn() throws Exception {
    clock("2026-12-07T10:00:00+08:00");
    importService.importPlan(plan("mxa-2026", "mxa", "矩阵甲县"), "test", null);
    importService.importPlan(plan("mxb-2026", "mxb", "矩阵乙县"), "test", null);
    for (String id : List.of("mxa-agri", "mxa-water", "mxa-town", "mxa-boss", "mxb-agri")) {
      password(id);
    }
    person("mx-coord-a", IdentitySync.COORDINATORS, "mxa");
    person("mx-coord-b", IdentitySync.COORDINATORS, "mxb");
    person("mx-discipline", "discipline-commission", "mxa");
    person("mx-prov", IdentitySync.PROVINCE, null);
    person("mx-admin", "camunda-admin", null);

    ProcessInstance keyTask = runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .processInstanceBusinessKey(KeyTaskStarter.businessKey("mxa-2026", 1)).singleResult();
    String pi = keyTask.getId();
    Task signFor = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_SignFor").singleResult();
    taskService.complete(signFor.getId(), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    Task plan = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_ImplementationPlan").singleResult();
    taskService.complete(plan.getId(), withVariables("planSummary", "按季度推进", "subItemsText", "mxa-town｜组织培训｜2026-12-20"));
    runtimeService.setVariable(pi, "interviewRecord", "约谈记录（机密）");
    runtimeService.setVariable(pi, "accountabilityNote", "问责意见（机密）");
    Task contribution = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_Contribution").singleResult();
    assertThat(contribution).isNotNull();
    String watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi).processDefinitionKey("deadline-watch")
        .list().get(0).getId();

    Map<Kind, String> users = new LinkedHashMap<>();
    users.put(Kind.LEAD_UNIT, "mxa-agri");
    users.put(Kind.CONTRIBUTOR, "mxa-town");
    users.put(Kind.OTHER_UNIT, "mxa-water");
    users.put(Kind.LEADER, "mxa-boss");
    users.put(Kind.DISCIPLINE, "mx-discipline");
    users.put(Kind.PROVINCE, "mx-prov");
    users.put(Kind.COORDINATOR, "mx-coord-a");
    users.put(Kind.OTHER_COUNTY_COORDINATOR, "mx-coord-b");
    users.put(Kind.OTHER_COUNTY_UNIT, "mxb-agri");
    users.put(Kind.ADMIN, "mx-admin");
    Set<Kind> seeAll = Set.of(Kind.COORDINATOR, Kind.PROVINCE, Kind.ADMIN);

    List<String> instanceReads = List.of(
        "/process-instance?processInstanceIds=" + pi,
        "/process-instance/" + pi + "/variables",
        "/variable-instance?processInstanceIdIn=" + pi,
        "/execution?processInstanceId=" + pi,
        "/history/process-instance?processInstanceId=" + pi,
        "/history/variable-instance?processInstanceId=" + pi,
        "/history/detail?processInstanceId=" + pi,
        "/history/activity-instance?processInstanceId=" + pi,
        "/job?processInstanceId=" + watch,
        "/job-definition?processDefinitionKey=deadline-watch",
        "/incident?processInstanceId=" + watch,
        "/deployment",
        "/history/job-log?processInstanceId=" + watch);

    int tried = 0;
    int refused = 0;
    List<String> leaks = new ArrayList<>();
    for (Map.Entry<Kind, String> user : users.entrySet()) {
      boolean mayRead = seeAll.contains(user.getKey());
      Map<String, String> session = webSession(user.getValue());
      for (String read : instanceReads) {
        for (String root : List.of("/engine-rest", "/camunda/api/engine/engine/default")) {
          ResponseEntity<String> answer = root.startsWith("/engine-rest")
              ? rest.withBasicAuth(user.getValue(), PASSWORD).getForEntity(root + read, String.class)
              : get(root + read, session);
          tried++;
          boolean data = hasData(answer);
          // Job definitions and the deployment belong to the shared process models, no county's: every coordinator reads them.
          boolean shared = read.startsWith("/job-definition") || read.startsWith("/deployment");
          if (!data) {
            refused++;
          } else if (!mayRead && !(shared && user.getKey() == Kind.OTHER_COUNTY_COORDINATOR)) {
            leaks.add(user.getKey() + " " + root + read);
          }
        }
      }
      // Cockpit's plugin API: statistics with incidents and escalations.
      ResponseEntity<String> plugin = get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count", session);
      tried++;
      if (!hasData(plugin)) {
        refused++;
      } else if (!mayRead) {
        leaks.add(user.getKey() + " cockpit plugin");
      }
      // The key task's tasks: a unit sees its own only.
      ResponseEntity<String> tasks = rest.withBasicAuth(user.getValue(), PASSWORD)
          .getForEntity("/engine-rest/task?processInstanceId=" + pi, String.class);
      tried++;
      JsonNode taskList = hasData(tasks) ? json.readTree(tasks.getBody()) : json.createArrayNode();
      if (taskList.isEmpty()) {
        refused++;
      }
      for (JsonNode task : taskList) {
        boolean offered = taskService.getIdentityLinksForTask(task.get("id").asText()).stream()
            .anyMatch(link -> identityService.createUserQuery().userId(user.getValue()).memberOfGroup(link.getGroupId()).count() > 0);
        if (!mayRead && !offered) {
          leaks.add(user.getKey() + " task " + task.get("name").asText());
        }
      }
      // A task's variables: the contribution task's holder sees its form, never the signer's phone or 约谈/问责 records.
      ResponseEntity<String> variables = rest.withBasicAuth(user.getValue(), PASSWORD)
          .getForEntity("/engine-rest/task/" + contribution.getId() + "/variables", String.class);
      tried++;
      if (!hasData(variables)) {
        refused++;
      } else if (!mayRead) {
        JsonNode vars = json.readTree(variables.getBody());
        for (String secret : List.of("signedByPhone", "signedBy", "interviewRecord", "accountabilityNote", "leadUnitId")) {
          if (vars.has(secret)) {
            leaks.add(user.getKey() + " contribution task variable " + secret);
          }
        }
        if (user.getKey() != Kind.CONTRIBUTOR) {
          leaks.add(user.getKey() + " contribution task variables");
        }
      }
    }
    System.out.println("AUTHORIZATION MATRIX: " + users.size() + " user kinds, tried " + tried + ", refused " + refused
        + ", leaked " + leaks.size() + " " + leaks);
    assertThat(leaks).isEmpty();
    assertThat(tried).isEqualTo(users.size() * (instanceReads.size() * 2 + 3));
    // The ones who may read every county's data did read it (not refused by accident).
    assertThat(hasData(rest.withBasicAuth("mx-coord-a", PASSWORD).getForEntity("/engine-rest/process-instance/" + pi + "/variables",
        String.class))).isTrue();
  }

  /** A Tasklist (web app) session; empty when the user may not log in to it. */
  Map<String, String> webSession(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", PASSWORD);
    ResponseEntity<String> login = rest.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
        new HttpEntity<>(form, headers), String.class);
    List<String> cookies = login.getHeaders().get(HttpHeaders.SET_COOKIE);
    if (!login.getStatusCode().is2xxSuccessful() || cookies == null) {
      return Map.of();
    }
    return Map.of("Cookie", String.join("; ", cookies.stream().map(c -> c.split(";", 2)[0]).toList()));
  }

  ResponseEntity<String> get(String path, Map<String, String> session) {
    HttpHeaders headers = new HttpHeaders();
    session.forEach(headers::add);
    return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  /** A 2xx answer with something in it: a non-empty list, an object with fields, a count above zero. */
  boolean hasData(ResponseEntity<String> answer) throws Exception {
    if (!answer.getStatusCode().is2xxSuccessful() || answer.getBody() == null || answer.getBody().isBlank()) {
      return false;
    }
    JsonNode body = json.readTree(answer.getBody());
    if (body.isArray()) {
      return !body.isEmpty();
    }
    if (body.isObject() && body.has("count")) {
      return body.get("count").asLong() > 0;
    }
    return body.isObject() ? !body.isEmpty() : !body.isNull();
  }
}

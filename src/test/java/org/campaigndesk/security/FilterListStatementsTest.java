package org.campaigndesk.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.StatementLog;
import org.campaigndesk.identity.TasklistFilters;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.kernel.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A unit's Tasklist filter list (POST /filter/{id}/list, HAL, with Tasklist's sort and paging, as
 * bench/province.sh asks it): the same tasks, count, process definitions and variable columns as the
 * engine answers the unit without the REST layer, none of another unit's tasks, and the statements
 * one request sends to the database (the filter read once, the caller's groups and revokes asked in
 * one statement).
 */
class FilterListStatementsTest extends AbstractAppTest {

  static final String PASSWORD = "Fls-unit-2026";
  /** Tasklist's body: its urgency sort (scripts/campaign-desk/urgency-sort.js), active tasks only. */
  static final String TASKLIST_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
      + "\"sorting\":[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}],\"active\":true}";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  PlanImportService importService;
  @Autowired
  FilterService filterService;
  @Autowired
  TaskService taskService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  IdentityService identityService;

  @AfterEach
  void logOut() {
    identityService.clearAuthentication();
  }

  @Test
  void aUnitsFilterList_answersAsTheEngine_inItsStatements() throws Exception {
    clock("2026-12-07T10:00:00+08:00");
    importService.importPlan(plan(), "test", null);
    User agri = identityService.createUserQuery().userId("fls-agri").singleResult();
    agri.setPassword(PASSWORD);
    identityService.saveUser(agri);
    String filterId = filterService.createFilterQuery().filterName("本单位待办").singleResult().getId();

    ResponseEntity<String> answer = list("fls-agri", filterId);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    JsonNode hal = Json.MAPPER.readTree(answer.getBody());

    // The engine's own answer to the unit, as the REST API authenticates it (its groups and counties).
    List<String> groups = identityService.createGroupQuery().groupMember("fls-agri").list().stream().map(Group::getId).toList();
    List<String> tenants = identityService.createTenantQuery().userMember("fls-agri").includingGroupsOfUser(true).list().stream()
        .map(Tenant::getId).toList();
    identityService.setAuthentication("fls-agri", groups, tenants);
    List<Task> page;
    long count;
    try {
      page = filterService.listPage(filterId, taskService.createTaskQuery().active().orderByTaskPriority().desc()
          .orderByDueDate().asc(), 0, 15);
      count = filterService.count(filterId, taskService.createTaskQuery().active());
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(page).isNotEmpty();
    assertThat(hal.get("count").asLong()).isEqualTo(count);
    JsonNode tasks = hal.get("_embedded").get("task");
    assertThat(tasks.findValuesAsText("id").subList(0, tasks.size())).as("the page, in the engine's order")
        .containsExactlyElementsOf(page.stream().map(Task::getId).toList());
    // Only the unit's own tasks: offered to its group, none of the water bureau's.
    for (Task task : page) {
      assertThat(taskService.getIdentityLinksForTask(task.getId())).anyMatch(link -> "fls-agri".equals(link.getGroupId()));
    }
    List<String> water = taskService.createTaskQuery().taskCandidateGroup("fls-water").list().stream().map(Task::getId).toList();
    assertThat(water).isNotEmpty();
    assertThat(tasks.findValuesAsText("id")).doesNotContainAnyElementsOf(water);
    // Each task's process definition embedded once, and its columns with the instance's values.
    Set<String> definitions = new TreeSet<>();
    hal.get("_embedded").get("processDefinition").forEach(d -> definitions.add(d.get("id").asText()));
    assertThat(definitions).isEqualTo(new TreeSet<>(page.stream().map(Task::getProcessDefinitionId).toList()));
    for (int i = 0; i < tasks.size(); i++) {
      Task task = page.get(i);
      Map<String, Object> shown = new HashMap<>();
      tasks.get(i).get("_embedded").get("variable").forEach(v -> shown.put(v.get("name").asText(), v.get("value").asText()));
      Map<String, Object> expected = new HashMap<>();
      for (String name : TasklistFilters.COLUMN_VARIABLES) {
        // As Tasklist's columns look: the task's own, its execution's, then its instance's.
        Object value = taskService.getVariableLocal(task.getId(), name);
        value = value != null ? value : runtimeService.getVariableLocal(task.getExecutionId(), name);
        value = value != null ? value : runtimeService.getVariableLocal(task.getProcessInstanceId(), name);
        if (value != null) {
          expected.put(name, value.toString());
        }
      }
      assertThat(shown).as(task.getName()).isEqualTo(expected).containsKey("taskLabel");
    }

    // Statements of one request, after one that warmed the caches (the deployed definitions, the REST layer's).
    List<ResponseEntity<String>> again = new ArrayList<>();
    List<String> statements = StatementLog.ofRequests(() -> again.add(list("fls-agri", filterId)));
    assertThat(again.get(0).getBody()).isEqualTo(answer.getBody());
    String described = String.join("\n---\n", statements);
    assertThat(statements.stream().filter(sql -> sql.contains("ACT_RU_FILTER"))).as(described).hasSize(1);
    assertThat(statements.stream().filter(sql -> sql.contains("THEN 1 ELSE 0"))).as("Camunda's own revoke check: " + described).isEmpty();
    // The password check, the caller's groups and counties, groups holding grants with revokes, READ on the filter,
    // the filter, the page, the form keys' definitions (2), the count, the embedded definitions, the columns, commit.
    assertThat(statements).as(described).hasSize(12);
  }

  /**
   * The administrator's 全部待办 (who holds READ on every task, with no revoke in play): the same tasks in
   * the same order of urgency and the same count as the engine answers with its authorization join, and
   * no join in the list's statements.
   */
  @Test
  void theAdministratorsList_answersAsTheEngine_withoutTheAuthorizationJoin() throws Exception {
    clock("2026-12-07T10:00:00+08:00");
    importService.importPlan(plan().replace("fls", "flt"), "test", null);
    String filterId = filterService.createFilterQuery().filterName("全部待办").singleResult().getId();
    List<String> groups = identityService.createGroupQuery().groupMember("admin").list().stream().map(Group::getId).toList();
    identityService.setAuthentication("admin", groups);
    List<Task> all;
    long count;
    try {
      all = filterService.list(filterId, taskService.createTaskQuery().active().tenantIdIn("flt").orderByTaskPriority().desc()
          .orderByDueDate().asc());
      count = filterService.count(filterId, taskService.createTaskQuery().active().tenantIdIn("flt"));
    } finally {
      identityService.clearAuthentication();
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(3);

    List<ResponseEntity<String>> answers = new ArrayList<>();
    // This county's tasks only (other tests' tasks share the database): Tasklist's body with a county.
    String body = TASKLIST_BODY.replace("\"active\":true", "\"active\":true,\"tenantIdIn\":[\"flt\"]");
    List<String> statements = StatementLog.ofRequests(() -> answers.add(list("admin", "test-admin", filterId, 1000, body)));
    assertThat(answers.get(0).getStatusCode().value()).isEqualTo(200);
    JsonNode hal = Json.MAPPER.readTree(answers.get(0).getBody());
    assertThat(hal.get("count").asLong()).isEqualTo(count).isEqualTo(all.size());
    JsonNode tasks = hal.get("_embedded").get("task");
    List<String> ids = new ArrayList<>();
    List<String> urgency = new ArrayList<>();
    tasks.forEach(t -> {
      ids.add(t.get("id").asText());
      urgency.add(t.get("priority").asText() + " " + (t.get("due").isNull() ? null : java.time.OffsetDateTime.parse(
          t.get("due").asText(), java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toInstant()));
    });
    // Tasks of equal urgency come in no defined order (neither the engine's query nor Tasklist sorts them further).
    assertThat(ids).containsExactlyInAnyOrderElementsOf(all.stream().map(Task::getId).toList());
    assertThat(urgency).containsExactlyElementsOf(all.stream().map(t -> t.getPriority() + " "
        + (t.getDueDate() == null ? null : t.getDueDate().toInstant())).toList());
    String described = String.join("\n---\n", statements);
    List<String> taskStatements = statements.stream().filter(sql -> sql.contains("ACT_RU_TASK")).toList();
    assertThat(taskStatements).as(described).hasSize(2);
    assertThat(taskStatements).as("the page and the count join no authorizations").noneMatch(sql -> sql.contains("ACT_RU_AUTHORIZATION"));
  }

  private ResponseEntity<String> list(String user, String filterId) {
    return list(user, PASSWORD, filterId, 15, TASKLIST_BODY);
  }

  private ResponseEntity<String> list(String user, String password, String filterId, int maxResults, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
    return rest.withBasicAuth(user, password).exchange("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=" + maxResults,
        HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
  }

  static String plan() {
    return """
        plan:
          id: fls-2026
          region: {id: fls, name: 语句县}
          title: 语句县2026年扶贫开发工作计划
          year: 2026
        units:
          - {id: fls-agri, name: 语句县农业农村局, kind: department, email: agri@fls.example.org}
          - {id: fls-water, name: 语句县水务局, kind: department, email: water@fls.example.org}
          - {id: fls-town, name: 语句县甲镇, kind: township, email: town@fls.example.org}
        leaders:
          - {id: fls-boss, name: 语句县县长, email: boss@fls.example.org}
        campaigns:
          - id: winter
            name: 冬季决战行动
            start: 2026-12-01
            end: 2026-12-31
            items:
              - {title: 组织冬季培训, units: [fls-agri, fls-water]}
        tasks:
          - {no: 1, title: 产业扶贫, leadLeaders: [fls-boss], leadUnits: [fls-agri], units: ["@townships"], deadline: 2026-12-28}
          - {no: 2, title: 饮水安全, leadUnits: [fls-water], deadline: 2026-12-28}
          - {no: 3, title: 农田水利, leadUnits: [fls-agri], deadline: 2026-12-20}
        """;
  }
}

package org.campaigndesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.kernel.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Which engine requests count as read-only (one set of authorization answers) and which run their
 * commands in one transaction; a task list refused halfway (a filter the caller may not read) still
 * answers 403, and the caller's next list answers as before.
 */
class ReadRequestScopeTest extends AbstractAppTest {

  static final String USER = "rrs-reader";
  static final String PASSWORD = "Rrs-reader-2026";

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;
  @Autowired
  FilterService filterService;
  @Autowired
  TaskService taskService;
  @Autowired
  AuthorizationService authorizationService;

  private final List<String> filters = new ArrayList<>();
  private final List<String> grants = new ArrayList<>();
  private Task task;

  @Test
  void readsAreTheQueriesAndGets_writesAreNot() {
    assertThat(ReadRequestScope.readOnly("GET", "/task/abc/form-variables")).isTrue();
    assertThat(ReadRequestScope.readOnly("POST", "/filter/abc/list")).isTrue();
    assertThat(ReadRequestScope.readOnly("POST", "/task")).isTrue();
    assertThat(ReadRequestScope.readOnly("POST", "/task/abc/complete")).isFalse();
    assertThat(ReadRequestScope.readOnly("POST", "/task/create")).isFalse();
    assertThat(ReadRequestScope.readOnly("PUT", "/filter/abc")).isFalse();
    assertThat(ReadRequestScope.readOnly("DELETE", "/task/abc")).isFalse();
    assertThat(ReadRequestScope.readOnly("GET", null)).isFalse();
    assertThat(ReadRequestScope.oneTransaction("POST", "/filter/abc/list")).isTrue();
    assertThat(ReadRequestScope.oneTransaction("GET", "/task")).isTrue();
    assertThat(ReadRequestScope.oneTransaction("GET", "/task/count")).isTrue();
    assertThat(ReadRequestScope.oneTransaction("GET", "/task/abc/form-variables")).isFalse();
    assertThat(ReadRequestScope.oneTransaction("POST", "/task/abc/complete")).isFalse();
  }

  @BeforeEach
  void userWithATask() {
    if (identityService.createUserQuery().userId(USER).count() == 0) {
      User user = identityService.newUser(USER);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
    }
    task = taskService.newTask();
    task.setName("rrs-task");
    task.setAssignee(USER);
    // The engine grants the assignee READ on the task itself.
    taskService.saveTask(task);
  }

  @Test
  void aRefusedListAnswers403_andTheNextListAnswers() throws Exception {
    String readable = filter("rrs-readable");
    grants.add(grant(Resources.FILTER, readable));
    String unreadable = filter("rrs-unreadable");

    assertThat(list(unreadable).getStatusCode().value()).isEqualTo(403);
    ResponseEntity<String> answer = list(readable);
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    JsonNode hal = Json.MAPPER.readTree(answer.getBody());
    assertThat(hal.get("count").asLong()).isEqualTo(1);
    assertThat(hal.get("_embedded").get("task").get(0).get("id").asText()).isEqualTo(task.getId());
    ResponseEntity<String> plain = rest.withBasicAuth(USER, PASSWORD).getForEntity("/engine-rest/task?assignee=" + USER, String.class);
    assertThat(Json.MAPPER.readTree(plain.getBody()).findValuesAsText("id")).containsExactly(task.getId());
  }

  private ResponseEntity<String> list(String filterId) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
    return rest.withBasicAuth(USER, PASSWORD).exchange("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
        HttpMethod.POST, new HttpEntity<>("{\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]}", headers), String.class);
  }

  private String filter(String name) {
    String id = filterService.saveFilter(filterService.newTaskFilter(name).setOwner("admin")
        .setQuery(taskService.createTaskQuery().taskAssignee(USER))).getId();
    filters.add(id);
    return id;
  }

  private String grant(Resources resource, String resourceId) {
    Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setUserId(USER);
    grant.setResource(resource);
    grant.setResourceId(resourceId);
    grant.addPermission(Permissions.READ);
    return authorizationService.saveAuthorization(grant).getId();
  }

  @AfterEach
  void cleanUp() {
    grants.forEach(authorizationService::deleteAuthorization);
    grants.clear();
    filters.forEach(filterService::deleteFilter);
    filters.clear();
    taskService.deleteTask(task.getId(), true);
  }
}

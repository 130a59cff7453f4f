package org.campaigndesk.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * Must-show 1 without the engine: for every user task of every process (processes/*.bpmn), every
 * REST route a worker could write a variable through is tried with a variable outside the task's
 * form (refused, named), with each editable field of its form (allowed), and with an object value
 * (refused); the routes around the task (execution and process-instance variables, messages,
 * signals, modifications, jobs) are refused outright.
 */
class WorkerWriteCheckTest {

  static final String TASK = "task-1";
  static final FormFields FORMS = new FormFields();

  /** Every user task's form, by "process/activity". */
  static Map<String, String> userTaskForms() throws IOException {
    Map<String, String> forms = new LinkedHashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("processes"), "*.bpmn")) {
      for (Path file : files) {
        try (InputStream in = Files.newInputStream(file)) {
          BpmnModelInstance model = Bpmn.readModelFromStream(in);
          for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            forms.put(file.getFileName() + "/" + task.getId(), task.getCamundaFormRef());
          }
        }
      }
    }
    return forms;
  }

  static WorkerWriteCheck.Outcome check(String method, String route, String body, String formId) {
    return WorkerWriteCheck.check("unit", method, route, body.getBytes(StandardCharsets.UTF_8),
        id -> id.equals(TASK) ? FORMS.editable(formId) : Optional.empty());
  }

  /** The ways to write variable {@code name} through a task: method, route, body. */
  static List<String[]> routes(String name, String value) {
    String typed = "{\"value\": " + value + "}";
    return List.of(
        new String[] {"POST", "/task/" + TASK + "/complete", "{\"variables\": {\"" + name + "\": " + typed + "}}"},
        new String[] {"POST", "/task/" + TASK + "/submit-form", "{\"variables\": {\"" + name + "\": " + typed + "}}"},
        new String[] {"POST", "/task/" + TASK + "/resolve", "{\"variables\": {\"" + name + "\": " + typed + "}}"},
        new String[] {"POST", "/task/" + TASK + "/variables", "{\"modifications\": {\"" + name + "\": " + typed + "}}"},
        new String[] {"POST", "/task/" + TASK + "/localVariables", "{\"modifications\": {\"" + name + "\": " + typed + "}}"},
        new String[] {"POST", "/task/" + TASK + "/variables", "{\"deletions\": [\"" + name + "\"]}"},
        new String[] {"PUT", "/task/" + TASK + "/variables/" + name, typed},
        new String[] {"PUT", "/task/" + TASK + "/localVariables/" + name, typed},
        new String[] {"DELETE", "/task/" + TASK + "/variables/" + name, ""},
        new String[] {"DELETE", "/task/" + TASK + "/localVariables/" + name, ""});
  }

  @Test
  void everyUserTaskOfEveryProcess_takesOnlyItsFormsFields_throughEveryRoute() throws IOException {
    Map<String, String> forms = userTaskForms();
    assertThat(forms).hasSizeGreaterThanOrEqualTo(25);
    int tried = 0;
    for (Map.Entry<String, String> task : forms.entrySet()) {
      String formId = task.getValue();
      assertThat(FORMS.editable(formId)).as(task.getKey() + " has a form").isPresent();
      Set<String> editable = FORMS.editable(formId).orElseThrow();
      assertThat(editable).as(task.getKey() + " has fields to fill in").isNotEmpty();
      // Variables the issue's attacker wrote, and a read-only field of the form itself (shown, never written).
      List<String> foreign = new ArrayList<>(List.of("leadUnitId", "deadlineDate", "taskTitle", "interviewRecord",
          "accountabilityNote", "campaignName"));
      foreign.removeAll(editable);
      for (String name : foreign) {
        for (String[] route : routes(name, "\"x\"")) {
          WorkerWriteCheck.Outcome outcome = check(route[0], route[1], route[2], formId);
          assertThat(outcome.status()).as(task.getKey() + " " + route[0] + " " + route[1] + " " + name).isEqualTo(403);
          assertThat(outcome.chinese() + outcome.english()).contains(name);
          tried++;
        }
      }
      for (String name : editable) {
        for (String[] route : routes(name, "\"x\"")) {
          assertThat(check(route[0], route[1], route[2], formId).allowed()).as(task.getKey() + " " + route[1] + " " + name).isTrue();
          tried++;
        }
        String object = "{\"variables\": {\"" + name + "\": {\"value\": \"\\\"/etc\\\"\", \"type\": \"Object\", \"valueInfo\":"
            + " {\"objectTypeName\": \"java.io.File\", \"serializationDataFormat\": \"application/json\"}}}}";
        assertThat(check("POST", "/task/" + TASK + "/complete", object, formId).status()).isEqualTo(403);
        assertThat(check("POST", "/task/" + TASK + "/variables/" + name + "/data", "", formId).status()).isEqualTo(403);
        tried += 2;
      }
    }
    assertThat(tried).isGreaterThan(1000);
  }

  @Test
  void writesAroundTheTask_areRefusedOutright() {
    for (String[] route : List.of(
        new String[] {"POST", "/execution/e1/localVariables"},
        new String[] {"PUT", "/execution/e1/localVariables/leadUnitId"},
        new String[] {"DELETE", "/execution/e1/localVariables/leadUnitId"},
        new String[] {"POST", "/execution/e1/signal"},
        new String[] {"POST", "/execution/e1/messageSubscriptions/m/trigger"},
        new String[] {"POST", "/process-instance/p1/variables"},
        new String[] {"PUT", "/process-instance/p1/variables/leadUnitId"},
        new String[] {"DELETE", "/process-instance/p1/variables/leadUnitId"},
        new String[] {"POST", "/process-instance/p1/modification"},
        new String[] {"DELETE", "/process-instance/p1"},
        new String[] {"PUT", "/process-instance/p1/suspended"},
        new String[] {"POST", "/process-definition/key/key-task/start"},
        new String[] {"POST", "/message"},
        new String[] {"POST", "/signal"},
        new String[] {"POST", "/modification/execute"},
        new String[] {"POST", "/job/j1/execute"},
        new String[] {"PUT", "/job/j1/retries"},
        new String[] {"GET", "/job"},
        new String[] {"GET", "/incident"},
        new String[] {"GET", "/deployment"},
        new String[] {"GET", "/job-definition"},
        new String[] {"DELETE", "/task/" + TASK},
        new String[] {"PUT", "/task/" + TASK},
        new String[] {"POST", "/task/" + TASK + "/assignee"},
        new String[] {"POST", "//job//j1/execute/"},
        // The instance behind the task: its data, variables and history.
        new String[] {"GET", "/process-instance"},
        new String[] {"POST", "/process-instance"},
        new String[] {"GET", "/process-instance/p1/variables"},
        new String[] {"GET", "/variable-instance"},
        new String[] {"POST", "/variable-instance"},
        new String[] {"GET", "/execution/e1/localVariables"},
        new String[] {"GET", "/history/variable-instance"},
        new String[] {"POST", "/history/process-instance"},
        new String[] {"GET", "/history/detail"},
        new String[] {"GET", "/history/activity-instance"})) {
      assertThat(check(route[0], route[1], "{}", "key-task-sign-for").status()).as(route[0] + " " + route[1]).isEqualTo(403);
    }
  }

  @Test
  void provinceReaders_readEverythingTheEngineLetsThem_andWriteNothing() {
    for (String[] read : List.of(new String[] {"GET", "/job"}, new String[] {"GET", "/incident"}, new String[] {"POST", "/process-instance"},
        new String[] {"POST", "/history/process-instance/count"}, new String[] {"GET", "/process-instance/p1/variables"})) {
      assertThat(WorkerRoutes.decideForReader(read[0], read[1]).verdict()).as(read[1]).isEqualTo(WorkerRoutes.Verdict.ENGINE);
    }
    for (String[] write : List.of(new String[] {"POST", "/job/j1/execute"}, new String[] {"PUT", "/job/j1/retries"},
        new String[] {"POST", "/message"}, new String[] {"POST", "/signal"}, new String[] {"POST", "/task/t1/complete"},
        new String[] {"DELETE", "/task/t1"}, new String[] {"POST", "/history/cleanup"}, new String[] {"POST", "/process-instance/p1/variables"})) {
      assertThat(WorkerRoutes.decideForReader(write[0], write[1]).verdict()).as(write[1]).isEqualTo(WorkerRoutes.Verdict.REFUSED);
    }
  }

  @Test
  void readsQueriesClaimsAndComments_goToTheEngine() {
    for (String[] route : List.of(
        new String[] {"GET", "/task"},
        new String[] {"POST", "/task"},
        new String[] {"GET", "/task/" + TASK + "/form-variables"},
        new String[] {"GET", "/task/" + TASK + "/deployed-form"},
        new String[] {"POST", "/task/" + TASK + "/claim"},
        new String[] {"POST", "/task/" + TASK + "/unclaim"},
        new String[] {"POST", "/task/" + TASK + "/comment/create"},
        new String[] {"POST", "/filter/f1/list"},
        new String[] {"POST", "/history/task"},
        new String[] {"GET", "/process-definition/abc/xml"})) {
      assertThat(check(route[0], route[1], "{}", "key-task-sign-for").allowed()).as(route[0] + " " + route[1]).isTrue();
    }
  }
}

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
import java.util.TreeMap;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestSmtp;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.campaigndesk.TimeTravel;
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
 * Must-show 2: every kind of user × every read of a county's data, for two counties: instances,
 * variables, history, jobs, incidents, deployments, statistics, tasks, task variables, task queries
 * that filter or sort by a confidential variable, over {@code /engine-rest} and over a Tasklist
 * session's {@code /camunda/api/engine}, and Cockpit's plugin API. A read "leaks" when it answers
 * data its user may not see; the figures (tried / refused / leaked) are printed and go into the
 * README's Security section. Besides: the engine grants each unit the instances it holds a task in
 * and no other, and no refused job call by a worker changes the job.
 */
class AuthorizationMatrixTest extends AbstractAppTest {

  /** Opening a campaign and the key tasks' steps send mail (their delivery jobs run with the county's jobs). */
  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  static final String PASSWORD = "matrix-pw";
  static final List<String> SECRETS = List.of("signedBy", "signedByPhone", "interviewRecord", "accountabilityNote");

  @Autowired
  PlanImportService importService;
  @Autowired
  IdentityService identityService;
  @Autowired
  AuthorizationService authorizationService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  @Autowired
  TaskService taskService;
  @Autowired
  ManagementService managementService;
  @Autowired
  FilterService filterService;
  @Autowired
  TestRestTemplate rest;

  final ObjectMapper json = new ObjectMapper();

  static String plan(String planId, String region, String name) {
    return """
        plan:
          id: %1$s
          region: {id: %2$s, name: %3$s}
          title: %3$s2026年扶贫开发工作计划
          year: 2026
        units:
          - {id: %2$s-agri, name: %3$s农业农村局, kind: department, email: agri@%2$s.example.org}
          - {id: %2$s-water, name: %3$s水务局, kind: department, email: water@%2$s.example.org}
          - {id: %2$s-town, name: %3$s甲镇, kind: township, email: town@%2$s.example.org}
        leaders:
          - {id: %2$s-boss, name: %3$s县长, email: boss@%2$s.example.org}
        campaigns:
          - id: winter
            name: 冬季决战行动
            start: 2026-12-01
            end: 2026-12-31
            items:
              - {title: 组织冬季培训, units: ["@townships"]}
        tasks:
          - {no: 1, title: 产业扶贫, leadLeaders: [%2$s-boss], leadUnits: [%2$s-agri], units: ["@townships"], deadline: 2026-12-28}
          - {no: 2, title: 饮水安全, leadUnits: [%2$s-water], deadline: 2026-12-28}
        """.formatted(planId, region, name);
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

  enum Kind { LEAD_UNIT, CONTRIBUTOR, OTHER_UNIT, LEADER, DISCIPLINE, INSPECTION, PROVINCE, COORDINATOR,
    OTHER_COUNTY_COORDINATOR, OTHER_COUNTY_UNIT, ADMIN }

  /** One county's key task 1 and what hangs on it; the ids fill the reads' placeholders. */
  record County(String id, Map<String, String> ids) {}

  /**
   * What a read is about, which decides who may get data from it: {@code county} a county's
   * instance data (its coordinators, the province, the administrator); {@code shared} the process
   * models and installation-wide figures (any coordinator too); {@code task:<placeholder>} one
   * task's data (its holders too, never a secret); {@code tasks} a list of tasks (each its
   * holder's only).
   */
  record Read(String about, HttpMethod method, String path, String body) {}

  static Read get(String about, String path) {
    return new Read(about, HttpMethod.GET, path, null);
  }

  static Read post(String about, String path, String body) {
    return new Read(about, HttpMethod.POST, path, body);
  }

  static final String LIKE_ANY = "\"operator\":\"like\",\"value\":\"%\"";

  /** Every read of a county's data a worker could try, relative to the REST root. */
  static final List<Read> READS = List.of(
      get("county", "/process-instance?processInstanceIds={pi}"),
      get("county", "/process-instance/{pi}"),
      get("county", "/process-instance/{pi}/variables"),
      get("county", "/process-instance/{pi}/variables/signedByPhone"),
      get("county", "/process-instance/{pi}/activity-instances"),
      get("county", "/process-instance/count?processInstanceIds={pi}"),
      post("county", "/process-instance", "{\"processInstanceIds\":[\"{pi}\"]}"),
      get("county", "/process-instance?processInstanceIds={campaign}"),
      get("county", "/variable-instance?processInstanceIdIn={pi}"),
      get("county", "/variable-instance/count?processInstanceIdIn={pi}"),
      post("county", "/variable-instance", "{\"processInstanceIdIn\":[\"{pi}\"]}"),
      get("county", "/variable-instance?processInstanceIdIn={campaign}"),
      get("county", "/execution?processInstanceId={pi}"),
      get("county", "/event-subscription?processInstanceId={pi}"),
      get("county", "/external-task?processInstanceId={pi}"),
      get("county", "/history/process-instance?processInstanceId={pi}"),
      get("county", "/history/process-instance/{pi}"),
      post("county", "/history/process-instance", "{\"processInstanceIds\":[\"{pi}\"]}"),
      get("county", "/history/variable-instance?processInstanceId={pi}"),
      post("county", "/history/variable-instance", "{\"processInstanceId\":\"{pi}\"}"),
      get("county", "/history/detail?processInstanceId={pi}"),
      get("county", "/history/activity-instance?processInstanceId={pi}"),
      get("county", "/history/task?processInstanceId={pi}"),
      post("county", "/history/task", "{\"processInstanceId\":\"{pi}\"}"),
      get("county", "/history/identity-link-log?processInstanceId={pi}"),
      get("county", "/history/user-operation?processInstanceId={pi}"),
      get("county", "/history/incident?processInstanceId={watch}"),
      get("county", "/history/job-log?processInstanceId={watch}"),
      get("county", "/job?processInstanceId={watch}"),
      get("county", "/job/count?processInstanceId={watch}"),
      post("county", "/job", "{\"processInstanceId\":\"{watch}\"}"),
      get("county", "/job/{job}"),
      get("county", "/incident?processInstanceId={watch}"),
      get("shared", "/job-definition?processDefinitionKey=deadline-watch"),
      get("shared", "/deployment"),
      get("shared", "/process-definition/statistics"),
      get("shared", "/process-definition/key/key-task/statistics"),
      get("shared", "/history/process-definition/{pd}/statistics"),
      get("shared", "/batch"),
      get("shared", "/authorization?resourceId={pi}"),
      get("tasks", "/task?processInstanceId={pi}"),
      get("tasks", "/task?processInstanceId={campaign}"),
      get("task:contribution", "/task/{contribution}/variables"),
      get("task:contribution", "/task/{contribution}/form-variables"),
      get("task:contribution", "/task/{contribution}/localVariables"),
      get("task:contribution", "/task/{contribution}/variables/signedByPhone"),
      get("task:contribution", "/task/{contribution}/variables/interviewRecord"),
      get("task:lead", "/task/{lead}/variables"),
      get("task:lead", "/task/{lead}/form-variables"),
      get("task:item", "/task/{item}/variables"),
      get("task:item", "/task/{item}/form-variables"),
      // Filtering or sorting tasks by a variable tells its value, even when the variable is never shown.
      get("county", "/task?processInstanceId={pi}&processVariables=signedByPhone_like_%25"),
      get("county", "/task/count?processInstanceId={pi}&processVariables=interviewRecord_like_%25"),
      get("county", "/history/task?processInstanceId={pi}&processVariables=signedBy_like_%25"),
      post("county", "/task", "{\"processInstanceId\":\"{pi}\",\"processVariables\":[{\"name\":\"signedByPhone\"," + LIKE_ANY + "}]}"),
      post("county", "/task/count", "{\"processInstanceId\":\"{pi}\",\"processVariables\":[{\"name\":\"accountabilityNote\"," + LIKE_ANY + "}]}"),
      post("county", "/task", "{\"processInstanceId\":\"{pi}\",\"orQueries\":[{\"processVariables\":[{\"name\":\"interviewRecord\"," + LIKE_ANY + "}]}]}"),
      post("county", "/task", "{\"processInstanceId\":\"{pi}\",\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\","
          + "\"parameters\":{\"variable\":\"signedByPhone\",\"type\":\"String\"}}]}"),
      post("county", "/history/task", "{\"processInstanceId\":\"{pi}\",\"processVariables\":[{\"name\":\"signedBy\"," + LIKE_ANY + "}]}"),
      post("county", "/filter/{filter}/list", "{\"processInstanceId\":\"{pi}\",\"processVariables\":[{\"name\":\"signedByPhone\"," + LIKE_ANY + "}]}"),
      post("county", "/filter/{filter}/count", "{\"processInstanceId\":\"{pi}\",\"processVariables\":[{\"name\":\"interviewRecord\"," + LIKE_ANY + "}]}"));

  /** Cockpit's plugin API, with the web app session. */
  static final List<Read> COCKPIT = List.of(
      get("shared", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count"),
      get("county", "/camunda/api/cockpit/plugin/base/default/process-instance/{pi}/called-process-instances"),
      // Cockpit's instance list has no instance-id filter: it answers with every instance the user may see, so a leak is an instance of this county in it.
      post("instances-of-county", "/camunda/api/cockpit/plugin/base/default/process-instance", "{\"processInstanceIds\":[\"{pi}\"]}"));

  static final List<String> ROOTS = List.of("/engine-rest", "/camunda/api/engine/engine/default");

  @Test
  void everyUserKind_readsOnlyWhatItTakesPartIn_inEveryCounty() throws Exception {
    clock("2026-12-07T10:00:00+08:00");
    importService.importPlan(plan("mxa-2026", "mxa", "矩阵甲县"), "test", null);
    importService.importPlan(plan("mxb-2026", "mxb", "矩阵乙县"), "test", null);
    for (String id : List.of("mxa-agri", "mxa-water", "mxa-town", "mxa-boss", "mxb-agri")) {
      password(id);
    }
    person("mx-coord-a", IdentitySync.COORDINATORS, "mxa");
    person("mx-coord-b", IdentitySync.COORDINATORS, "mxb");
    person("mx-discipline", "discipline-commission", "mxa");
    person("mx-inspector", IdentitySync.INSPECTION_TEAM, "mxa");
    person("mx-prov", IdentitySync.PROVINCE, null);
    person("mx-admin", "camunda-admin", null);
    List<County> counties = List.of(county("mxa"), county("mxb"));

    Map<Kind, String> users = new LinkedHashMap<>();
    users.put(Kind.LEAD_UNIT, "mxa-agri");
    users.put(Kind.CONTRIBUTOR, "mxa-town");
    users.put(Kind.OTHER_UNIT, "mxa-water");
    users.put(Kind.LEADER, "mxa-boss");
    users.put(Kind.DISCIPLINE, "mx-discipline");
    users.put(Kind.INSPECTION, "mx-inspector");
    users.put(Kind.PROVINCE, "mx-prov");
    users.put(Kind.COORDINATOR, "mx-coord-a");
    users.put(Kind.OTHER_COUNTY_COORDINATOR, "mx-coord-b");
    users.put(Kind.OTHER_COUNTY_UNIT, "mxb-agri");
    users.put(Kind.ADMIN, "mx-admin");

    int tried = 0;
    int refused = 0;
    List<String> leaks = new ArrayList<>();
    Map<String, Integer> adminData = new TreeMap<>();
    for (Map.Entry<Kind, String> entry : users.entrySet()) {
      String user = entry.getValue();
      Map<String, String> session = webSession(user);
      for (County county : counties) {
        List<String[]> trials = new ArrayList<>();
        for (Read read : READS) {
          for (String root : ROOTS) {
            trials.add(new String[] {read.about(), read.method().name(), root + fill(read.path(), county), fill(read.body(), county)});
          }
        }
        for (Read read : COCKPIT) {
          trials.add(new String[] {read.about(), read.method().name(), fill(read.path(), county), fill(read.body(), county)});
        }
        for (String[] trial : trials) {
          boolean engineRest = trial[2].startsWith("/engine-rest");
          ResponseEntity<String> answer = engineRest ? basic(user, HttpMethod.valueOf(trial[1]), trial[2], trial[3])
              : withSession(session, HttpMethod.valueOf(trial[1]), trial[2], trial[3]);
          tried++;
          String label = entry.getKey() + " " + county.id() + " " + trial[1] + " " + trial[2];
          if (!hasData(answer)) {
            refused++;
            continue;
          }
          if (entry.getKey() == Kind.ADMIN) {
            adminData.merge(trial[1] + " " + trial[2].replace(county.ids().get("pi"), "{pi}"), 1, Integer::sum);
          }
          String leak = leak(user, county, trial[0], answer);
          if (leak != null) {
            leaks.add(label + ": " + leak);
          }
        }
      }
    }
    System.out.println("AUTHORIZATION MATRIX: " + users.size() + " user kinds x " + counties.size() + " counties x "
        + (READS.size() * ROOTS.size() + COCKPIT.size()) + " reads: tried " + tried + ", refused or empty " + refused
        + ", leaked " + leaks.size() + " " + leaks);
    assertThat(leaks).isEmpty();
    assertThat(tried).isEqualTo(users.size() * counties.size() * (READS.size() * ROOTS.size() + COCKPIT.size()));
    // The reads are real: the administrator gets data from most of them (the rest: no incident, batch or
    // external task exists, the administrator holds no task of the filter "本单位待办").
    System.out.println("reads answering the administrator: " + adminData.size() + " of " + (READS.size() * ROOTS.size()
        + COCKPIT.size()));
    assertThat(adminData.size()).isGreaterThanOrEqualTo((READS.size() * ROOTS.size() + COCKPIT.size()) / 2);
    // A county's coordinator reads its instance, also with a confidential variable filter.
    County a = counties.get(0);
    assertThat(hasData(basic("mx-coord-a", HttpMethod.GET, "/engine-rest/process-instance/" + a.ids().get("pi") + "/variables", null))).isTrue();
    assertThat(hasData(basic("mx-coord-a", HttpMethod.POST, "/engine-rest/task",
        "{\"processInstanceId\":\"" + a.ids().get("pi") + "\",\"processVariables\":[{\"name\":\"signedByPhone\"," + LIKE_ANY + "}]}"))).isTrue();
  }

  /** The engine itself (not only the REST guard) lets a unit read the instances it holds a task in, and no other. */
  @Test
  void theEngineGrantsEachUnitTheInstancesItHoldsATaskIn() {
    clock("2026-12-07T10:00:00+08:00");
    importService.importPlan(plan("mxc-2026", "mxc", "矩阵丙县"), "test", null);
    County c = county("mxc");
    String keyTask = c.ids().get("pi");
    String campaign = c.ids().get("campaign");
    String otherKeyTask = runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .processInstanceBusinessKey(KeyTaskStarter.businessKey("mxc-2026", 2)).singleResult().getId();
    assertThat(mayRead("mxc-agri", keyTask)).isTrue();        // lead unit
    assertThat(mayRead("mxc-town", keyTask)).isTrue();        // contributing unit
    assertThat(mayRead("mxc-water", keyTask)).isFalse();      // another unit of the county
    assertThat(mayRead("mxc-boss", keyTask)).isFalse();       // the leader holds no task in it
    assertThat(mayRead("mxc-town", campaign)).isTrue();       // a campaign item's unit
    assertThat(mayRead("mxc-agri", campaign)).isFalse();      // no item of its own in the campaign
    assertThat(mayRead("mxc-water", otherKeyTask)).isTrue();
    assertThat(mayRead("mxc-agri", otherKeyTask)).isFalse();
    // No blanket grant over every instance of a process is left to workers.
    for (String key : List.of("key-task", "deadline-watch", "campaign", "rectification")) {
      assertThat(authorizationService.isUserAuthorized("mxc-town", groupsOf("mxc-town"), Permissions.READ_INSTANCE,
          Resources.PROCESS_DEFINITION, key)).as(key).isFalse();
    }
    // Tasklist's columns still come: the task's instance variables the filter shows, over the HAL list of a filter.
    password("mxc-town");
    String filter = filterService.createFilterQuery().filterName(TasklistFilters.MY_UNIT).singleResult().getId();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
    ResponseEntity<String> list = rest.withBasicAuth("mxc-town", PASSWORD).exchange("/engine-rest/filter/" + filter + "/list",
        HttpMethod.POST, new HttpEntity<>("{\"processInstanceId\":\"" + keyTask + "\"}", headers), String.class);
    assertThat(list.getStatusCode().value()).isEqualTo(200);
    assertThat(list.getBody()).contains("taskLabel").contains("产业扶贫");
    // A column variable may be filtered by; any other is refused with its name.
    assertThat(basic("mxc-town", HttpMethod.GET, "/engine-rest/task?processVariables=leadUnitName_like_%25", null)
        .getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> refused = basic("mxc-town", HttpMethod.GET, "/engine-rest/task?processVariables=signedByPhone_like_%25", null);
    assertThat(refused.getStatusCode().value()).isEqualTo(403);
    assertThat(refused.getBody()).contains("signedByPhone");
  }

  /** No job call by anyone but a coordinator or the administrator reaches the engine: the job keeps its retries, due date and state. */
  @Test
  void aRefusedJobCall_neverChangesTheJob() {
    clock("2026-12-07T10:00:00+08:00");
    importService.importPlan(plan("mxd-2026", "mxd", "矩阵丁县"), "test", null);
    for (String id : List.of("mxd-agri", "mxd-town", "mxd-boss")) {
      password(id);
    }
    person("mxd-prov", IdentitySync.PROVINCE, null);
    County d = county("mxd");
    Job job = managementService.createJobQuery().jobId(d.ids().get("job")).singleResult();
    String definition = job.getJobDefinitionId();
    List<String[]> calls = List.of(
        new String[] {"POST", "/job/{job}/execute", "{}"},
        new String[] {"PUT", "/job/{job}/retries", "{\"retries\":0}"},
        new String[] {"POST", "/job/retries", "{\"jobIds\":[\"{job}\"],\"retries\":0}"},
        new String[] {"PUT", "/job/{job}/suspended", "{\"suspended\":true}"},
        new String[] {"PUT", "/job/{job}/duedate", "{\"duedate\":\"2030-01-01T00:00:00.000+0800\"}"},
        new String[] {"PUT", "/job/{job}/priority", "{\"priority\":99}"},
        new String[] {"DELETE", "/job/{job}", null},
        new String[] {"PUT", "/job-definition/" + definition + "/suspended", "{\"suspended\":true,\"includeJobs\":true}"},
        new String[] {"PUT", "/job-definition/" + definition + "/retries", "{\"retries\":0}"},
        new String[] {"PUT", "/job/suspended", "{\"processInstanceId\":\"{pi}\",\"suspended\":true}"});
    int tried = 0;
    for (String user : List.of("mxd-agri", "mxd-town", "mxd-boss", "mxd-prov")) {
      Map<String, String> session = webSession(user);
      for (String[] call : calls) {
        for (String root : ROOTS) {
          String path = root + fill(call[1], d);
          ResponseEntity<String> answer = root.startsWith("/engine-rest") ? basic(user, HttpMethod.valueOf(call[0]), path, fill(call[2], d))
              : withSession(session, HttpMethod.valueOf(call[0]), path, fill(call[2], d));
          tried++;
          assertThat(answer.getStatusCode().value()).as(user + " " + call[0] + " " + path).isIn(403, 404);
        }
      }
    }
    Job after = managementService.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(after).isNotNull();
    assertThat(after.getRetries()).isEqualTo(job.getRetries());
    assertThat(after.getDuedate()).isEqualTo(job.getDuedate());
    assertThat(after.isSuspended()).isFalse();
    assertThat(after.getPriority()).isEqualTo(job.getPriority());
    assertThat(managementService.createJobDefinitionQuery().jobDefinitionId(definition).singleResult().isSuspended()).isFalse();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(job.getProcessInstanceId()).count()).isZero();
    System.out.println("JOB CALLS: " + tried + " tried by workers and province readers, the job unchanged");
  }

  boolean mayRead(String userId, String processInstanceId) {
    return authorizationService.isUserAuthorized(userId, groupsOf(userId), Permissions.READ, Resources.PROCESS_INSTANCE,
        processInstanceId);
  }

  List<String> groupsOf(String userId) {
    return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
  }

  /**
   * County {@code region}'s key task 1 after the lead unit signed (with the signer's phone) and
   * planned, with 约谈/问责 records set, its contribution task open, its campaign opened.
   */
  County county(String region) {
    ProcessInstance keyTask = runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(region + "-2026", 1)).singleResult();
    String pi = keyTask.getId();
    Task signFor = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_SignFor").singleResult();
    taskService.complete(signFor.getId(), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    Task plan = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_ImplementationPlan").singleResult();
    taskService.complete(plan.getId(), withVariables("planSummary", "按季度推进", "subItemsText", region + "-town｜组织培训｜2026-12-20"));
    runtimeService.setVariable(pi, "interviewRecord", "约谈记录（机密）");
    runtimeService.setVariable(pi, "accountabilityNote", "问责意见（机密）");
    TimeTravel.runDueJobsOfCounties(managementService, region);
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("pi", pi);
    ids.put("pd", keyTask.getProcessDefinitionId());
    ids.put("contribution", taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey("Task_Contribution")
        .singleResult().getId());
    // A lead unit's open task: key task 2's sign-for (its lead unit is the county's water office), with a 约谈 record beside it.
    String second = runtimeService.createProcessInstanceQuery().processDefinitionKey("key-task")
        .processInstanceBusinessKey(KeyTaskStarter.businessKey(region + "-2026", 2)).singleResult().getId();
    runtimeService.setVariable(second, "interviewRecord", "约谈记录（机密）");
    ids.put("lead", taskService.createTaskQuery().processInstanceId(second).taskDefinitionKey("Task_SignFor").singleResult().getId());
    // Its deadline's watch starts at the first reminder; started now, so there is a watch and a job of it to guard.
    managementService.createJobQuery().processInstanceId(pi).activityId("Timer_WatchStarts").list()
        .forEach(start -> managementService.executeJob(start.getId()));
    String watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(pi).processDefinitionKey("deadline-watch")
        .list().get(0).getId();
    ids.put("watch", watch);
    ids.put("job", managementService.createJobQuery().processInstanceId(watch).list().get(0).getId());
    ProcessInstance campaign = runtimeService.createProcessInstanceQuery().processDefinitionKey("campaign")
        .processInstanceBusinessKey(region + "-2026").singleResult();
    ids.put("campaign", campaign.getId());
    ids.put("item", taskService.createTaskQuery().processInstanceId(campaign.getId()).taskDefinitionKey("Task_CampaignItem")
        .singleResult().getId());
    ids.put("filter", filterService.createFilterQuery().filterName(TasklistFilters.MY_UNIT).singleResult().getId());
    return new County(region, ids);
  }

  static String fill(String template, County county) {
    if (template == null) {
      return null;
    }
    String filled = template;
    for (Map.Entry<String, String> id : county.ids().entrySet()) {
      filled = filled.replace("{" + id.getKey() + "}", id.getValue());
    }
    return filled;
  }

  /** Why data answered to {@code user} about {@code county} is a leak, or null when the user may see it. */
  String leak(String user, County county, String about, ResponseEntity<String> answer) throws Exception {
    boolean admin = member(user, "camunda-admin");
    boolean province = member(user, IdentitySync.PROVINCE);
    boolean coordinator = member(user, IdentitySync.COORDINATORS);
    boolean ofCounty = identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true).tenantId(county.id())
        .count() > 0;
    if (admin || province || coordinator && ofCounty || coordinator && about.equals("shared")) {
      return null;
    }
    if (about.equals("tasks")) {
      for (JsonNode task : json.readTree(answer.getBody())) {
        if (!offered(user, task.get("id").asText())) {
          return "a task not offered to the user: " + task.get("name").asText();
        }
      }
      return null;
    }
    if (about.startsWith("task:")) {
      String taskId = county.ids().get(about.substring(5));
      if (!offered(user, taskId)) {
        return "the variables of a task not offered to the user";
      }
      JsonNode body = json.readTree(answer.getBody());
      for (String secret : SECRETS) {
        if (body.has(secret) || body.path("name").asText("").equals(secret)) {
          return "confidential variable " + secret;
        }
      }
      return body.has("value") && !body.has("name") ? "a single variable outside the form" : null;
    }
    if (about.equals("instances-of-county")) {
      List<String> ids = new ArrayList<>();
      json.readTree(answer.getBody()).forEach(instance -> ids.add(instance.path("id").asText()));
      boolean ofThisCounty = !ids.isEmpty() && historyService.createHistoricProcessInstanceQuery()
          .processInstanceIds(java.util.Set.copyOf(ids)).tenantIdIn(county.id()).count() > 0;
      return ofThisCounty ? "an instance of " + county.id() + " in Cockpit's instance list" : null;
    }
    return "instance data of " + about;
  }

  boolean offered(String user, String taskId) {
    return taskService.getIdentityLinksForTask(taskId).stream().anyMatch(link -> user.equals(link.getUserId())
        || link.getGroupId() != null && member(user, link.getGroupId()));
  }

  boolean member(String user, String group) {
    return identityService.createUserQuery().userId(user).memberOfGroup(group).count() > 0;
  }

  /** A Tasklist (web app) session with its CSRF token; empty when the user may not log in to it. */
  Map<String, String> webSession(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("username", user);
    form.add("password", PASSWORD);
    // The first request gets the CSRF cookie the login then has to repeat.
    ResponseEntity<String> welcome = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
    Map<String, String> cookies = cookies(welcome.getHeaders(), new LinkedHashMap<>());
    HttpHeaders loginHeaders = sessionHeaders(cookies);
    loginHeaders.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> login = rest.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
        new HttpEntity<>(form, loginHeaders), String.class);
    if (!login.getStatusCode().is2xxSuccessful()) {
      return Map.of();
    }
    cookies(login.getHeaders(), cookies);
    // The login starts a new session; its CSRF token comes with the next GET.
    ResponseEntity<String> who = rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
        new HttpEntity<>(sessionHeaders(cookies)), String.class);
    return cookies(who.getHeaders(), cookies);
  }

  static Map<String, String> cookies(HttpHeaders answer, Map<String, String> into) {
    for (String cookie : answer.getOrDefault(HttpHeaders.SET_COOKIE, List.of())) {
      String[] pair = cookie.split(";", 2)[0].split("=", 2);
      into.put(pair[0], pair.length > 1 ? pair[1] : "");
    }
    return into;
  }

  static HttpHeaders sessionHeaders(Map<String, String> cookies) {
    HttpHeaders headers = new HttpHeaders();
    if (!cookies.isEmpty()) {
      headers.add("Cookie", String.join("; ", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).toList()));
    }
    if (cookies.containsKey("XSRF-TOKEN")) {
      headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    }
    return headers;
  }

  ResponseEntity<String> withSession(Map<String, String> session, HttpMethod method, String path, String body) {
    HttpHeaders headers = sessionHeaders(session);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
  }

  ResponseEntity<String> basic(String user, HttpMethod method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, PASSWORD).exchange(path, method, new HttpEntity<>(body, headers), String.class);
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
    if (body.isObject() && body.has("count") && body.size() == 1) {
      return body.get("count").asLong() > 0;
    }
    return body.isObject() ? !body.isEmpty() : !body.isNull();
  }
}

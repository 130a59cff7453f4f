package org.campaigndesk.imports;

import org.campaigndesk.TestSmtp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.campaigndesk.plan.PlanRepository;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.Mails;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TimeTravel;
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

/** Importing real plans at real dates: dry runs, plans already late, past plans, withdrawal, revision, imports at once. */
class ImportSemanticsTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  TestRestTemplate rest;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ManagementService managementService;
  @Autowired
  IdentityService identityService;
  @Autowired
  PlanRepository repository;
  @Autowired
  org.campaigndesk.mail.Recipients recipients;

  final ObjectMapper json = new ObjectMapper();
  String prefix;

  @BeforeEach
  void monday() {
    clock("2026-12-07T10:00:00+08:00");
    prefix = "i" + UUID.randomUUID().toString().substring(0, 6);
  }

  /** TestPlans' plan with its own unit ids and region, so tests do not share units. */
  String plan(String planId) {
    return TestPlans.plan(planId).replace("t-", prefix + "-").replace("year: 2026",
        "year: 2026\n  region: {id: " + prefix + ", name: 测试县" + prefix + "}");
  }

  ResponseEntity<String> send(HttpMethod method, String path, String yaml) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    return rest.withBasicAuth("admin", "test-admin").exchange(path, method, new HttpEntity<>(yaml, headers), String.class);
  }

  long keyTasksOf(String planId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, planId).count();
  }


  @Test
  void aDryRun_answersWhatWouldBeCreated_andStoresNothing() throws Exception {
    String yaml = plan(prefix + "-dry") + """
        campaigns:
          - {id: winter, name: 冬季决战行动, start: 2026-11-01, end: 2027-01-31, items: [{title: 一是摸底排查}]}
        """;
    ResponseEntity<String> response = send(HttpMethod.POST, "/api/plans?dryRun=true", yaml);
    assertThat(response.getStatusCode().value()).isEqualTo(200);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("dryRun").asBoolean()).isTrue();
    assertThat(body.get("keyTasks").asInt()).isEqualTo(4);
    assertThat(body.get("keyTasksStarted").asInt()).isZero();
    assertThat(body.get("overdueAtImport").asInt()).isEqualTo(2);
    assertThat(body.get("units").asInt()).isEqualTo(5);
    assertThat(body.get("campaigns").asInt()).isEqualTo(1);
    assertThat(body.get("warnings").get(0).get("path").asText()).isEqualTo("campaigns[0].items[0].units");

    assertThat(repository.find(prefix + "-dry")).isEmpty();
    assertThat(identityService.createGroupQuery().groupId(prefix + "-agri").count()).isZero();
    assertThat(identityService.createTenantQuery().tenantId(prefix).count()).isZero();
    assertThat(keyTasksOf(prefix + "-dry")).isZero();
    // A bad file answers 400 in a dry run just as in an import.
    assertThat(send(HttpMethod.POST, "/api/plans?dryRun=true", yaml.replace("year: 2026", "year: soon")).getStatusCode().value())
        .isEqualTo(400);
  }

  @Test
  void aPlanImportedAfterSomeDeadlines_sendsOneNoticePerUnit_andStartsTheGracePeriodAtImport() throws Exception {
    String planId = prefix + "-late";
    assertThat(send(HttpMethod.POST, "/api/plans", plan(planId)).getStatusCode().value()).isEqualTo(201);
    TimeTravel.runDueJobsOfCounties(managementService, prefix);
    List<String> subjects = Mails.subjects(Mails.received(greenMail));
    // Tasks 1 (due 30 Oct, agri) and 2 (due 30 June, water and fpb) were overdue at import: one notice per lead unit.
    assertThat(subjects).filteredOn(s -> s.startsWith("【逾期事项】")).hasSize(2);
    assertThat(Mails.recipients(Mails.received(greenMail))).contains(prefix + "-agri@test.example.org", prefix + "-water@test.example.org");
    assertThat(subjects).noneMatch(s -> s.startsWith("【逾期】")).noneMatch(s -> s.startsWith("【约谈通知】"));
    String notice = Mails.plainText(Mails.received(greenMail)[0]);
    assertThat(subjects.get(0)).contains("导入时已过完成时限的重点工作1项");
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("escalation").tenantIdIn(prefix).count()).isZero();

    // Five working days after the import (Monday 7 → Monday 14 December), not after the deadline, the interview comes.
    clock("2026-12-11T18:00:00+08:00");
    TimeTravel.runDueJobsOfCounties(managementService, prefix);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("escalation").tenantIdIn(prefix).count()).isZero();
    clock("2026-12-15T10:00:00+08:00");
    TimeTravel.runDueJobsOfCounties(managementService, prefix);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("escalation").tenantIdIn(prefix).count()).isEqualTo(2);
    assertThat(notice).contains("导入系统时").contains("5个工作日");
  }

  @Test
  void aPlanWhoseYearIsOver_isRefused_unlessImportedAsARecord() throws Exception {
    String past = plan(prefix + "-2025").replace("2026", "2025");
    ResponseEntity<String> refused = send(HttpMethod.POST, "/api/plans", past);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(json.readTree(refused.getBody()).get("errors").get(0).get("message").asText())
        .contains("ended on 2025-12-31").contains("?archive=true");
    assertThat(repository.find(prefix + "-2025")).isEmpty();

    ResponseEntity<String> archived = send(HttpMethod.POST, "/api/plans?archive=true", past);
    assertThat(archived.getStatusCode().value()).isEqualTo(201);
    assertThat(json.readTree(archived.getBody()).get("status").asText()).isEqualTo("archived");
    assertThat(repository.find(prefix + "-2025").orElseThrow().status()).isEqualTo(PlanRepository.ARCHIVED);
    assertThat(keyTasksOf(prefix + "-2025")).isZero();
    assertThat(managementService.createJobQuery().tenantIdIn(prefix).count()).isZero();
  }

  @Test
  void aWithdrawnPlan_hasItsInstancesCancelledWithTheReason_andItsHistoryKept() throws Exception {
    String planId = prefix + "-gone";
    send(HttpMethod.POST, "/api/plans", plan(planId));
    assertThat(keyTasksOf(planId)).isEqualTo(4);
    assertThat(send(HttpMethod.DELETE, "/api/plans/" + planId, null).getStatusCode().value()).isEqualTo(400);

    ResponseEntity<String> withdrawn = send(HttpMethod.DELETE, "/api/plans/" + planId + "?reason=文件有误，重新印发", null);
    assertThat(withdrawn.getStatusCode().value()).isEqualTo(200);
    assertThat(json.readTree(withdrawn.getBody()).get("status").asText()).isEqualTo("withdrawn");
    assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals(KeyTaskVariables.PLAN_ID, planId).count()).isZero();
    List<HistoricProcessInstance> history = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY).variableValueEquals(KeyTaskVariables.PLAN_ID, planId).list();
    assertThat(history).hasSize(4).allSatisfy(h -> assertThat(h.getDeleteReason()).isEqualTo("计划撤回：文件有误，重新印发"));
    assertThat(send(HttpMethod.DELETE, "/api/plans/" + planId + "?reason=again", null).getStatusCode().value()).isEqualTo(409);
    assertThat(send(HttpMethod.DELETE, "/api/plans/" + prefix + "-never?reason=x", null).getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void aRevision_keepsMatchedTasks_startsAddedOnes_andCancelsRemovedOnes() throws Exception {
    String planId = prefix + "-rev";
    String original = plan(planId);
    send(HttpMethod.POST, "/api/plans", original);
    String firstInstance = keyTask(planId, 1);
    String revised = original.replace("  - no: 2\n    title: 饮水安全保障工程", "  - no: 5\n    title: 饮水安全巩固提升工程");
    assertThat(revised).contains("no: 5");
    ResponseEntity<String> response = send(HttpMethod.PUT, "/api/plans/" + planId, revised);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("kept").toString()).isEqualTo("[1,3,4]");
    assertThat(body.get("added").toString()).isEqualTo("[5]");
    assertThat(body.get("removed").toString()).isEqualTo("[2]");
    assertThat(body.get("revision").asInt()).isEqualTo(2);

    assertThat(keyTask(planId, 1)).isEqualTo(firstInstance);
    assertThat(keyTask(planId, 2)).isNull();
    assertThat(keyTask(planId, 5)).isNotNull();
    assertThat(org.campaigndesk.task.KeyTaskRecord.read(runtimeService.getVariable(keyTask(planId, 5),
        org.campaigndesk.task.KeyTaskRecord.VARIABLE)).title()).isEqualTo("饮水安全巩固提升工程");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(planId + "/02")
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY).singleResult().getDeleteReason()).isEqualTo("计划修订：删除第2项重点工作");
    // A revision keeps its plan id and county.
    assertThat(send(HttpMethod.PUT, "/api/plans/" + planId, revised.replace("id: " + planId, "id: " + planId + "-x"))
        .getStatusCode().value()).isEqualTo(400);
  }

  @Test
  void eightCountiesImportedAtOnce_eachAnswers201() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String county = prefix + "c" + i;
        String yaml = TestPlans.plan(county + "-2026").replace("t-", county + "-").replace("year: 2026",
            "year: 2026\n  region: {id: " + county + ", name: 并发县" + i + "}");
        answers.add(pool.submit(() -> send(HttpMethod.POST, "/api/plans", yaml)));
      }
      for (Future<ResponseEntity<String>> answer : answers) {
        ResponseEntity<String> response = answer.get();
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < 8; i++) {
      assertThat(keyTasksOf(prefix + "c" + i + "-2026")).isEqualTo(4);
    }
  }

  @Autowired
  PlanImportService importService;

  @Test
  void anImportThatLostARace_runsAgain_andOneThatKeepsLosing_answers503WithNothingStored() {
    java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
    // Lost once (another county took an id first), then it sees the id taken and goes through.
    String result = importService.serially(PlanImportService.keys(prefix, prefix + "-race"), () -> {
      if (runs.incrementAndGet() == 1) {
        throw new org.springframework.dao.DuplicateKeyException("cd_principal_principal_id_key");
      }
      return "stored";
    });
    assertThat(result).isEqualTo("stored");
    assertThat(runs.get()).isEqualTo(2);

    runs.set(0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> importService.serially(PlanImportService.keys(prefix, prefix + "-race"), () -> {
      runs.incrementAndGet();
      throw new org.camunda.bpm.engine.OptimisticLockingException("GroupEntity[coordinators] was updated by another transaction");
    })).isInstanceOf(ImportRacesLostException.class);
    assertThat(runs.get()).isEqualTo(PlanImportService.ATTEMPTS);

    // Anything else is answered as it is, run once.
    runs.set(0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> importService.serially(PlanImportService.keys(prefix, prefix + "-race"), () -> {
      runs.incrementAndGet();
      throw new PlanStateException("withdrawn");
    })).isInstanceOf(PlanStateException.class);
    assertThat(runs.get()).isOne();
  }

  @Test
  void aUnitsNamedResponsiblePerson_isTheAddresseeOfItsMail() {
    String planId = prefix + "-person";
    String yaml = plan(planId).replace("email: " + prefix + "-agri@test.example.org}",
        "email: " + prefix + "-agri@test.example.org, responsiblePerson: {name: 李明, title: 局长, phone: '0878-1234567'}}");
    assertThat(yaml).contains("李明");
    assertThat(send(HttpMethod.POST, "/api/plans", yaml).getStatusCode().value()).isEqualTo(201);
    assertThat(recipients.unitContact(prefix + "-agri").name()).isEqualTo("测试县农业农村局 李明局长");
    assertThat(recipients.unitContact(prefix + "-water").name()).isEqualTo("测试县水务局");
  }

  String keyTask(String planId, int no) {
    var instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .processInstanceBusinessKey(planId + "/" + String.format("%02d", no)).singleResult();
    return instance == null ? null : instance.getId();
  }
}

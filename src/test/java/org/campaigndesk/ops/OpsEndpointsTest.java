package org.campaigndesk.ops;

import org.campaigndesk.TestSmtp;
import org.campaigndesk.Mails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;
import static org.campaigndesk.TimeTravel.runDueWatchJobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.reminder.WatchVariables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Health, Prometheus metrics, the OpenAPI description and the log context, over HTTP on the test app. */
@ExtendWith(OutputCaptureExtension.class)
class OpsEndpointsTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  @Autowired
  TestRestTemplate rest;
  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  ManagementService managementService;
  @Autowired
  org.campaigndesk.kernel.DeferredJobs deferredJobs;
  @Autowired
  org.springframework.jdbc.core.JdbcTemplate jdbc;

  final ObjectMapper json = new ObjectMapper();

  JsonNode getJson(String path) throws Exception {
    ResponseEntity<String> response = rest.getForEntity(path, String.class);
    assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  @Test
  void health_showsTheJobExecutorAndMail() throws Exception {
    JsonNode health = getJson("/actuator/health");

    assertThat(health.get("status").asText()).isEqualTo("UP");
    JsonNode jobExecutor = health.at("/components/jobExecutor");
    // The tests switch the job executor off and run jobs by hand.
    assertThat(jobExecutor.get("status").asText()).isEqualTo("UNKNOWN");
    assertThat(jobExecutor.at("/details/active").asBoolean()).isFalse();
    assertThat(jobExecutor.at("/details/openIncidents").isNumber()).isTrue();
    assertThat(jobExecutor.at("/details/failedJobs").isNumber()).isTrue();
    JsonNode mail = health.at("/components/mail");
    assertThat(mail.get("status").asText()).isEqualTo("UP");
    assertThat(mail.at("/details/smtpEnabled").asBoolean()).isTrue();
    assertThat(mail.at("/details/smtp").asText()).isEqualTo("localhost:" + org.campaigndesk.TestSmtp.PORT);
    assertThat(mail.at("/details/waiting").isNumber()).isTrue();
    assertThat(mail.at("/details/failed").isNumber()).isTrue();
    assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
  }

  /**
   * The backlog counts the application's own mail jobs too: a campaign's opening notices and each
   * mail's delivery, waiting or failed for good (an incident); the other deferred jobs are no mail.
   */
  @Test
  void mailBacklog_countsTheDeferredMailJobs() throws Exception {
    JsonNode before = getJson("/actuator/health").at("/components/mail/details");
    String instance = "backlog-" + UUID.randomUUID();
    deferredJobs.schedule(org.campaigndesk.mail.MailDelivery.TYPE, "999999", instance, null, later());
    deferredJobs.schedule(org.campaigndesk.campaign.CampaignOpeningMails.TYPE, "{}", instance, null, later());
    deferredJobs.schedule("review-opening", "{}", instance, null, later());
    String delivery = jdbc.queryForObject("select id_ from act_ru_job where process_instance_id_ = ? and handler_cfg_ like 'mail:%'",
        String.class, instance);
    managementService.setJobRetries(delivery, 0);

    JsonNode after = getJson("/actuator/health").at("/components/mail/details");
    // The opening notices wait, the delivery failed for good, the review opening is no mail.
    assertThat(after.get("waiting").asLong() - before.get("waiting").asLong()).isEqualTo(1);
    assertThat(after.get("failed").asLong() - before.get("failed").asLong()).isEqualTo(1);
    assertThat(value(scrape(), "campaigndesk_mails_stuck", "application=")).isEqualTo(after.get("failed").asDouble());
    managementService.createJobQuery().processInstanceId(instance).list().forEach(job -> managementService.deleteJob(job.getId()));
  }

  private static java.util.Date later() {
    return new java.util.Date(System.currentTimeMillis() + 86_400_000L);
  }

  @Test
  void readiness_asksForTheDatabase_notForSmtp() throws Exception {
    JsonNode readiness = getJson("/actuator/health/readiness");

    assertThat(readiness.get("status").asText()).isEqualTo("UP");
    assertThat(readiness.get("components").fieldNames()).toIterable().containsExactlyInAnyOrder("db", "readinessState");
  }

  @Test
  void prometheus_countsImportsAndMails_andShowsJobsAndIncidents() {
    double importedBefore = value(scrape(), "campaigndesk_plan_imports_total", "outcome=\"imported\"");
    double invalidBefore = value(scrape(), "campaigndesk_plan_imports_total", "outcome=\"invalid\"");
    double duplicateBefore = value(scrape(), "campaigndesk_plan_imports_total", "outcome=\"duplicate\"");

    String id = "m-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(postPlan(TestPlans.plan(id)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(postPlan(TestPlans.plan(id)).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(postPlan("plan: {id: broken}").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

    String metrics = scrape();
    assertThat(value(metrics, "campaigndesk_plan_imports_total", "outcome=\"imported\"")).isEqualTo(importedBefore + 1);
    assertThat(value(metrics, "campaigndesk_plan_imports_total", "outcome=\"duplicate\"")).isEqualTo(duplicateBefore + 1);
    assertThat(value(metrics, "campaigndesk_plan_imports_total", "outcome=\"invalid\"")).isEqualTo(invalidBefore + 1);
    assertThat(metrics).contains("campaigndesk_mails_sent_total{").contains("campaigndesk_mails_failed_total{")
        .contains("campaigndesk_incidents_open{").contains("campaigndesk_jobs_failed{")
        .contains("campaigndesk_jobs_executed_total{").contains("campaigndesk_jobs_failures_total{")
        .contains("campaigndesk_mails_waiting{").contains("campaigndesk_plans{");
    assertThat(value(metrics, "campaigndesk_plans", "application=")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void aReminderMail_isCounted_andLoggedWithItsProcessInstanceAndBusinessKey(CapturedOutput output) {
    clock("2026-03-10T10:00:00+08:00");
    planId = "l-" + UUID.randomUUID().toString().substring(0, 8);
    importService.importPlan(TestPlans.plan(planId), "test", null);
    double sentBefore = value(scrape(), "campaigndesk_mails_sent_total", "kind=\"REMINDER\"", "channel=\"smtp\"");
    double executedBefore = value(scrape(), "campaigndesk_jobs_executed_total", "application=");

    clock("2026-06-22T09:00:30+08:00");
    // The key task starts its watch at the first reminder's time; the watch reminds.
    runDueWatchJobs(managementService, runtimeService, keyTask(2).getId());
    ProcessInstance watch = runtimeService.createProcessInstanceQuery().superProcessInstanceId(keyTask(2).getId())
        .processDefinitionKey(WatchVariables.PROCESS_KEY).variableValueEquals(WatchVariables.DEADLINE_KIND, "completion")
        .singleResult();

    assertThat(Mails.received(greenMail)).hasSize(2);
    String metrics = scrape();
    assertThat(value(metrics, "campaigndesk_mails_sent_total", "kind=\"REMINDER\"", "channel=\"smtp\"")).isEqualTo(sentBefore + 2);
    assertThat(value(metrics, "campaigndesk_jobs_executed_total", "application=")).isGreaterThan(executedBefore);
    assertThat(watch.getBusinessKey()).isNotBlank();
    // Decided (recorded) in the reminder step, with its instance and business key; sent by its delivery job, with its instance.
    assertThat(output.getOut().lines().filter(l -> l.contains("Mail REMINDER to t-water recorded")))
        .singleElement().asString()
        .contains("pi=" + watch.getId()).contains("bk=" + watch.getBusinessKey());
    assertThat(output.getOut().lines().filter(l -> l.contains("(REMINDER) to t-water@test.example.org sent")))
        .singleElement().asString().contains("pi=" + watch.getId());
  }

  @Test
  void openApi_describesThePlanApi_withoutLogin_andItsOperationsAskForBasicAuth() throws Exception {
    JsonNode docs = getJson("/v3/api-docs");

    assertThat(docs.at("/info/title").asText()).isEqualTo("Campaign Desk API");
    assertThat(docs.at("/paths/~1api~1plans/post").isObject()).isTrue();
    assertThat(docs.at("/paths/~1api~1plans/get").isObject()).isTrue();
    assertThat(docs.at("/paths/~1api~1plans/post/requestBody/content").has("application/yaml")).isTrue();
    assertThat(docs.at("/paths/~1api~1plans/post/responses").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("201", "400", "401", "403", "409");
    assertThat(docs.at("/paths/~1api~1plans/post/responses/201/content/*~1*/schema/$ref").asText()).endsWith("/ImportResult");
    assertThat(docs.at("/paths/~1api~1plans/post/responses/400/content/application~1json/schema/properties/errors/items/properties")
        .has("path")).isTrue();
    assertThat(docs.at("/paths/~1api~1plans~1{id}/get").isObject()).isTrue();
    assertThat(docs.get("paths").fieldNames()).toIterable().allMatch(path -> path.startsWith("/api/"));
    assertThat(docs.at("/components/securitySchemes/coordinatorBasic/scheme").asText()).isEqualTo("basic");
    assertThat(docs.at("/security/0").has("coordinatorBasic")).isTrue();
    // The API itself still wants a coordinator.
    assertThat(rest.getForEntity("/api/plans", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<String> ui = rest.getForEntity("/swagger-ui/index.html", String.class);
    assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(ui.getBody()).contains("swagger-ui");
  }

  ResponseEntity<String> postPlan(String yaml) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    return rest.withBasicAuth("admin", "test-admin").postForEntity("/api/plans", new HttpEntity<>(yaml, headers), String.class);
  }

  String scrape() {
    ResponseEntity<String> response = rest.getForEntity("/actuator/prometheus", String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  /** The value of the first sample of {@code name} whose labels contain every fragment given. */
  static double value(String metrics, String name, String... labelFragments) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(metrics);
    while (m.find()) {
      String labels = m.group(1);
      boolean all = true;
      for (String fragment : labelFragments) {
        all &= labels.contains(fragment);
      }
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no sample " + name + " with " + String.join(", ", labelFragments) + " in\n" + metrics);
  }
}

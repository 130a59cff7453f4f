package org.campaigndesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.ledger.LedgerColour;
import org.campaigndesk.ledger.LedgerFilter;
import org.campaigndesk.ledger.LedgerRow;
import org.campaigndesk.ledger.LedgerService;
import org.campaigndesk.ledger.Viewer;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.plan.PlanRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import static org.campaigndesk.TimeTravel.at;

/** The demo opens as a county in mid-year, not as an alarm flood. */
class DemoDataTest extends AbstractAppTest {

  @Autowired PlanReader reader;
  @Autowired PlanRepository repository;
  @Autowired PlanImportService importService;
  @Autowired CampaignDeskProperties properties;
  @Autowired IdentitySync identitySync;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired IdentityService identityService;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired LedgerService ledger;
  @Autowired JdbcTemplate jdbc;

  @Test
  void firstStart_placesTodayInTheSecondCampaign_withAMidYearMix_andFewMails() throws Exception {
    // A first start in December (the case: the plan moved to the current year was mostly overdue).
    ClockUtil.setCurrentTime(at("2026-12-07T10:00:00+08:00"));
    long mailsBefore = jdbc.queryForObject("select coalesce(max(id), 0) from cd_mail", Long.class);
    DemoData demo = new DemoData(reader, repository, importService, properties, identitySync, runtimeService, taskService,
        managementService, transactionManager);
    DemoData.Staged staged = demo.stage();
    assertThat(staged).isNotNull();
    planId = staged.planId();

    // Today is inside the second campaign (夏季提升 in Lufeng's plan), away from the plan's dates (its 6/20
    // progress report and its 6/30 deadlines): 11 June of the plan's year.
    Plan plan = repository.load(planId);
    Plan.Campaign second = plan.campaigns().get(1);
    LocalDate today = LocalDate.of(2026, 12, 7);
    assertThat(today).isBetween(second.start(), second.end());
    assertThat(second.end()).isEqualTo(today.plusDays(19));

    Viewer province = new Viewer("admin", Set.of("camunda-admin"), Viewer.Kind.PROVINCE, Set.of(), false);
    List<LedgerRow> rows = ledger.build(province, new LedgerFilter(null, planId, null, null, null, null, null, null, null)).rows();
    assertThat(rows).hasSize(20);
    Map<LedgerColour, Long> colours = rows.stream().collect(Collectors.groupingBy(LedgerRow::colour, Collectors.counting()));
    // Some accepted (grey), a few due within days (yellow), two overdue (red), the rest on track.
    assertThat(colours.get(LedgerColour.GREY)).isEqualTo(staged.accepted().size()).isBetween(3L, 6L);
    assertThat(colours.get(LedgerColour.YELLOW)).isEqualTo(staged.dueSoon().size()).isEqualTo(3);
    assertThat(colours.get(LedgerColour.RED)).isEqualTo(2);
    assertThat(colours.get(LedgerColour.GREEN)).isGreaterThanOrEqualTo(6);
    assertThat(staged.signedFor()).isNotEmpty();
    for (int no : staged.signedFor()) {
      assertThat(taskService.createTaskQuery().processInstanceBusinessKey(planId + "/" + String.format("%02d", no))
          .taskDefinitionKey("Task_ImplementationPlan").count()).isEqualTo(1);
    }
    // The two red ones have their interview pending with the discipline commission.
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("escalation").tenantIdIn("lufeng").count()).isEqualTo(2);
    assertThat(taskService.createTaskQuery().taskDefinitionKey("Task_Interview").tenantIdIn("lufeng").count()).isEqualTo(2);
    // Accepted ones were done by their units and closed out by the coordinator.
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("key-task").tenantIdIn("lufeng")
        .completed().count()).isEqualTo(staged.accepted().size());

    // No flood: a handful of mails, not one per unit and task (the issue counted 48 overdue notices and 28 interview
    // notices). Whatever the job executor would do at first start is done here (deliveries fail: no SMTP server here,
    // but every mail is recorded before it is delivered).
    for (int round = 0; round < 20; round++) {
      var due = managementService.createJobQuery().tenantIdIn("lufeng").executable().list().stream()
          .filter(j -> j.getRetries() > 0).toList();
      if (due.isEmpty()) {
        break;
      }
      due.forEach(job -> {
        try {
          managementService.executeJob(job.getId());
        } catch (RuntimeException e) {
          managementService.setJobRetries(job.getId(), 0);
        }
      });
    }
    Map<String, Long> byKind = jdbc.queryForList("select kind, count(*) n from cd_mail where id > ? and tenant_id = 'lufeng' group by kind",
        mailsBefore).stream().collect(Collectors.toMap(r -> (String) r.get("KIND"), r -> ((Number) r.get("N")).longValue()));
    System.out.println("Demo mails by kind: " + byKind + "; colours: " + colours);
    assertThat(byKind.getOrDefault("OVERDUE", 0L)).isLessThanOrEqualTo(10);
    assertThat(byKind.getOrDefault("INTERVIEW_NOTICE", 0L)).isBetween(1L, 10L);
    // The campaign's work items are not reminded at first start (ten days left, the first reminder comes at seven).
    assertThat(byKind).doesNotContainKeys("CAMPAIGN_REMINDER", "HAND_OVER", "INFORMED");
    assertThat(byKind.getOrDefault("REMINDER", 0L)).isLessThanOrEqualTo(3L * 4);
    // Besides the opening of the current campaign to each of its units, a handful.
    assertThat(byKind.entrySet().stream().filter(e -> !e.getKey().equals("CAMPAIGN_OPENED")).mapToLong(Map.Entry::getValue).sum())
        .isLessThanOrEqualTo(40);
  }
}

package org.campaigndesk.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;
import static org.campaigndesk.Mails.recipients;
import static org.campaigndesk.Mails.subjects;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.Mails;
import org.campaigndesk.TestPlans;
import org.campaigndesk.TestSmtp;
import org.campaigndesk.imports.PlanImportService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import static org.campaigndesk.TimeTravel.at;

/**
 * Every hand-over of a key task mails its receiver with a link to the very task; the link opens the
 * task in Tasklist while it is open and, once it is gone, a page saying what became of it.
 */
class HandOverTest extends AbstractAppTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(TestSmtp.SETUP);

  static final String PASSWORD = "handover-pw";

  @Autowired
  PlanImportService importService;
  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;
  @org.springframework.boot.test.web.server.LocalServerPort
  int port;

  @BeforeEach
  void importPlan() {
    ClockUtil.setCurrentTime(at("2026-03-10T10:00:00+08:00"));
    planId = "ho-" + UUID.randomUUID().toString().substring(0, 8);
    // Units of their own ("ho-…"), so that their passwords are this test's.
    importService.importPlan(TestPlans.plan(planId).replace("t-", "ho-")
        .replace("name: 乙乡, kind: township}", "name: 乙乡, kind: township, email: ho-town2@test.example.org}"), "test", PASSWORD);
  }

  MimeMessage to(MimeMessage[] mails, String address) {
    return Arrays.stream(mails).filter(m -> recipients(new MimeMessage[] {m}).get(0).equals(address)).findFirst().orElseThrow();
  }

  @Test
  void contributionsAndRework_mailTheirUnits_linksOpenTheTaskThenTellWhatBecameOfIt() throws Exception {
    ProcessInstance pi = keyTask(1);
    complete(task("Task_SignFor", pi), withVariables("signedBy", "王五", "signedByPhone", "0878-1234567"));
    Mails.received(greenMail);
    int before = greenMail.getReceivedMessages().length;
    complete(task("Task_ImplementationPlan", pi), withVariables("planSummary", "分阶段推进",
        "subItemsText", "甲镇｜发展辣椒种植｜2026-05-31\n测试县扶贫办｜制定资金使用方案｜2026-04-30"));
    execute(managementService().createJobQuery().processInstanceId(pi.getId()).activityId("Task_InformUnits").singleResult());
    MimeMessage[] all = Mails.received(greenMail);
    MimeMessage[] mails = Arrays.copyOfRange(all, before, all.length);
    // Two units with work get a task and a mail each; the third responsible unit (乙乡) is informed only.
    assertThat(subjects(mails)).containsExactlyInAnyOrder(
        "【配合任务】【一】产业扶贫成效提升工程 · 责任单位落实", "【配合任务】【一】产业扶贫成效提升工程 · 责任单位落实",
        "【知会】【一】产业扶贫成效提升工程");
    assertThat(recipients(mails)).containsExactlyInAnyOrder("ho-town1@test.example.org", "ho-fpb@test.example.org",
        "ho-town2@test.example.org");
    Task town1 = taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("ho-town1").singleResult();
    String townMail = Mails.plainText(to(mails, "ho-town1@test.example.org"));
    assertThat(townMail).contains("1. 发展辣椒种植（2026-05-31前完成）").contains("2026年5月31日")
        .contains("/go/task/" + town1.getId());
    assertThat(Mails.plainText(to(mails, "ho-town2@test.example.org"))).contains("无需在任务列表中办理")
        .contains("实施方案分解给：测试县扶贫办、甲镇").doesNotContain("/go/task/");

    // Open: the link leads into Tasklist, at the task.
    java.net.http.HttpResponse<String> open = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
        .build().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/go/task/" + town1.getId())).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(open.statusCode()).isEqualTo(302);
    assertThat(open.headers().firstValue("Location").orElseThrow()).isEqualTo("http://tasklist.test/camunda/app/tasklist/default/#/?task=" + town1.getId());

    // Done (claimed and completed in Tasklist by 甲镇's contact): the link tells by whom and when.
    ClockUtil.setCurrentTime(at("2026-05-20T15:30:00+08:00"));
    taskService().claim(town1.getId(), "ho-town1");
    complete(town1, withVariables("contributionReport", "辣椒种植500亩", "contributionDate", "2026-05-20"));
    ResponseEntity<String> done = rest.withBasicAuth("ho-town1", PASSWORD).getForEntity("/go/task/" + town1.getId(), String.class);
    assertThat(done.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(done.getBody()).contains("该任务已办理完毕：甲镇").contains("于2026年5月20日 15:30办理")
        .contains("【一】产业扶贫成效提升工程 · 责任单位落实").contains("该流程当前待办").contains("办结申请");
    // The lead unit sees it too (it takes part in the key task); a unit outside it does not; nobody logged in is asked to log in.
    assertThat(rest.withBasicAuth("ho-agri", PASSWORD).getForEntity("/go/task/" + town1.getId(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
    ResponseEntity<String> outsider = rest.withBasicAuth("ho-water", PASSWORD).getForEntity("/go/task/" + town1.getId(), String.class);
    assertThat(outsider.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(outsider.getBody()).contains("没有找到该任务，或您无权查看").doesNotContain("辣椒");
    ResponseEntity<String> anonymous = rest.getForEntity("/go/task/" + town1.getId(), String.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(anonymous.getBody()).contains("请先").contains("登录任务列表").doesNotContain("辣椒");
    assertThat(rest.withBasicAuth("ho-town1", PASSWORD).getForEntity("/go/task/no-such-task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    // Returned at acceptance: the lead unit gets the rework with the reason and a link.
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary", "全部完成年度产业扶贫任务",
        "evidenceDescription", "验收报告存于档案室", "completedOn", "2026-05-20"));
    Task fpb = taskQuery().processInstanceId(pi.getId()).taskCandidateGroup("ho-fpb").singleResult();
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "return", "returnReason", "扶贫办尚未反馈"));
    Task rework = task("Task_Rework", pi);
    MimeMessage reworkMail = to(Arrays.stream(Mails.received(greenMail)).filter(m -> {
      try {
        return m.getSubject().startsWith("【验收退回】");
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toArray(MimeMessage[]::new), "ho-agri@test.example.org");
    assertThat(reworkMail.getSubject()).isEqualTo("【验收退回】【一】产业扶贫成效提升工程 · 整改");
    assertThat(Mails.plainText(reworkMail)).contains("退回原因：扶贫办尚未反馈").contains("/go/task/" + rework.getId());

    // A task that ended without being done (the key task accepted while 扶贫办 had not answered): withdrawn.
    complete(rework, withVariables("reworkDescription", "已催扶贫办"));
    complete(task("Task_RequestCompletion", pi), withVariables("requestKind", "completion", "completionSummary", "全部完成",
        "evidenceDescription", "验收报告存于档案室", "completedOn", "2026-05-25"));
    complete(task("Task_Acceptance", pi), withVariables("acceptanceDecision", "accept"));
    ResponseEntity<String> withdrawn = rest.withBasicAuth("ho-fpb", PASSWORD).getForEntity("/go/task/" + fpb.getId(), String.class);
    assertThat(withdrawn.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(withdrawn.getBody()).contains("撤销，无需再办理").doesNotContain("该流程当前待办");
  }
}

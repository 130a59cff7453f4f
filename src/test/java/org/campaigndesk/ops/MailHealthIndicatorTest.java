package org.campaigndesk.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.ServerSocket;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.campaigndesk.config.CampaignDeskProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class MailHealthIndicatorTest {

  final ManagementService management = mock(ManagementService.class);
  final JdbcTemplate jdbc = mock(JdbcTemplate.class);
  final MailSteps mailSteps = new MailSteps(management, jdbc);

  MailHealthIndicatorTest() {
    JobQuery query = mock(JobQuery.class, RETURNS_SELF);
    when(query.count()).thenReturn(1L);
    when(management.createJobQuery()).thenReturn(query);
    // The application's own mail jobs (recording a campaign's notices, delivering), counted by SQL.
    when(jdbc.queryForObject(anyString(), eq(Long.class), any(Object[].class))).thenReturn(2L);
  }

  static CampaignDeskProperties properties(boolean smtp) {
    return new Binder(new MapConfigurationPropertySource(Map.of("campaign-desk.mail.smtp-enabled", String.valueOf(smtp))))
        .bindOrCreate("campaign-desk", CampaignDeskProperties.class);
  }

  static ObjectProvider<JavaMailSender> sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("mailSender", sender);
    return beans.getBeanProvider(JavaMailSender.class);
  }

  @Test
  void smtpServerUnreachable_isDown_withTheBacklog() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Health health = new MailHealthIndicator(properties(true), sender(closedPort), mailSteps).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("smtp", "127.0.0.1:" + closedPort).containsKey("error")
        .containsEntry("waiting", MailSteps.ACTIVITY_IDS.size() + 2L).containsEntry("failed", MailSteps.ACTIVITY_IDS.size() + 2L);
  }

  /** The backlog counts the jobs of these steps: each must exist and be asynchronous (so it has a job). */
  @Test
  void mailSteps_areAsynchronousServiceTasksOfTheProcesses() throws Exception {
    StringBuilder all = new StringBuilder();
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("processes"))) {
      for (var file : files.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        all.append(java.nio.file.Files.readString(file));
      }
    }
    for (String id : MailSteps.ACTIVITY_IDS) {
      assertThat(all.toString()).as(id).containsPattern("<bpmn:serviceTask id=\"" + id + "\"[^>]*camunda:asyncBefore=\"true\"");
    }
  }

  @Test
  void withoutSmtp_mailStaysInTheOutbox_andIsUp() {
    Health health = new MailHealthIndicator(properties(false), sender(1), mailSteps).health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("smtpEnabled", false).doesNotContainKey("smtp");
  }
}

package org.campaigndesk.ops;

import org.campaigndesk.config.CampaignDeskProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mail}. With SMTP enabled: UP when the SMTP server accepts a connection,
 * DOWN when it does not. Without SMTP (embedded defaults) mail is only kept in the outbox: UP.
 * Details: the backlog ({@link MailSteps}), the jobs that decide on, record or deliver mail waiting
 * (first attempt or retry) and failed (incidents).
 */
@Component("mailHealthIndicator")
public class MailHealthIndicator extends AbstractHealthIndicator {

  private final CampaignDeskProperties.Mail settings;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final MailSteps mailSteps;

  MailHealthIndicator(CampaignDeskProperties properties, ObjectProvider<JavaMailSender> mailSender, MailSteps mailSteps) {
    super("mail health check failed");
    this.settings = properties.mail();
    this.mailSender = mailSender;
    this.mailSteps = mailSteps;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    builder.withDetail("smtpEnabled", settings.smtpEnabled())
        .withDetail("waiting", mailSteps.waiting())
        .withDetail("failed", mailSteps.failed());
    if (!settings.smtpEnabled()) {
      builder.up().withDetail("note", "mail is kept in the outbox only (/api/mail)");
      return;
    }
    JavaMailSender sender = mailSender.getIfAvailable();
    if (!(sender instanceof JavaMailSenderImpl smtp)) {
      builder.down().withDetail("error", "campaign-desk.mail.smtp-enabled is true but spring.mail.host is not set");
      return;
    }
    builder.withDetail("smtp", smtp.getHost() + ":" + smtp.getPort());
    try {
      smtp.testConnection();
      builder.up();
    } catch (Exception e) {
      builder.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}

package org.campaigndesk.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.config.CampaignDeskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Sends one mail to one person, at most once per idempotency key. An SMTP failure is thrown on, so
 * the job that called it fails, is retried and finally becomes an incident; nothing is lost.
 */
@Service
public class MailService {

  private static final Logger LOG = LoggerFactory.getLogger(MailService.class);

  private final MailTemplates templates;
  private final MailOutbox outbox;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final CampaignDeskProperties.Mail settings;
  private final org.camunda.bpm.engine.RuntimeService runtimeService;
  private final MailMetrics metrics;

  public MailService(MailTemplates templates, MailOutbox outbox, ObjectProvider<JavaMailSender> mailSender,
      CampaignDeskProperties properties, org.camunda.bpm.engine.RuntimeService runtimeService, MailMetrics metrics) {
    this.runtimeService = runtimeService;
    this.metrics = metrics;
    this.templates = templates;
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.settings = properties.mail();
  }

  /** The county of the instance a mail is about, so that /api/mail shows each county its own mail. */
  private String tenantOf(String processInstanceId) {
    if (processInstanceId == null) {
      return null;
    }
    org.camunda.bpm.engine.runtime.ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    return instance == null ? null : instance.getTenantId();
  }

  /** @return whether a mail went out now (false: sent before under the same key, or no address). */
  public boolean send(String idempotencyKey, MailKind kind, Recipient to, Map<String, String> model, String processInstanceId) {
    if (to.email() == null || to.email().isBlank()) {
      LOG.warn("No mail address for {} ({}): {} not sent", to.userId(), to.name(), kind);
      return false;
    }
    if (outbox.contains(idempotencyKey)) {
      LOG.info("Mail {} was sent before; not sending it again", idempotencyKey);
      return false;
    }
    MailTemplates.Rendered mail = templates.render(kind, model);
    if (settings.smtpEnabled()) {
      JavaMailSender sender = mailSender.getIfAvailable();
      if (sender == null) {
        throw new IllegalStateException("campaign-desk.mail.smtp-enabled is true but spring.mail.host is not set");
      }
      MimeMessage message = sender.createMimeMessage();
      try {
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(to.email());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
      } catch (MessagingException e) {
        throw new MailPreparationException("cannot build mail " + idempotencyKey, e);
      }
      try {
        sender.send(message);
      } catch (MailException e) {
        metrics.failed(kind);
        throw e;
      }
    }
    outbox.recordSent(idempotencyKey, kind, to, mail, processInstanceId, tenantOf(processInstanceId), settings.smtpEnabled(),
        Clocks.instant());
    metrics.sent(kind, settings.smtpEnabled());
    LOG.info("Mail {} to {} {}", kind, to.userId(), settings.smtpEnabled() ? "sent" : "kept in the outbox");
    return true;
  }
}

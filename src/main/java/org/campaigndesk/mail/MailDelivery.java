package org.campaigndesk.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.DeferredWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job that sends one recorded mail and marks it sent, in the job's transaction (one
 * connection: the job's). A mail marked sent already is not sent again (the job ran twice). An SMTP
 * failure fails the job: it is retried after 1, 5 and 30 minutes, then becomes an incident, and
 * resolving the incident sends the mail once. The mail is handed to SMTP in the job transaction's
 * before-commit step, after the engine's own writes: the one window left is the database's COMMIT
 * round trip itself (SMTP accepted, node killed before the commit reached the database: the retry
 * sends it again); scripts/mail-fault.sh measures it.
 */
@Component
public class MailDelivery implements DeferredWork {

  public static final String TYPE = "mail";
  private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);

  private final MailOutbox outbox;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final CampaignDeskProperties.Mail settings;
  private final MailMetrics metrics;

  public MailDelivery(MailOutbox outbox, ObjectProvider<JavaMailSender> mailSender, CampaignDeskProperties properties,
      MailMetrics metrics) {
    this.outbox = outbox;
    this.mailSender = mailSender;
    this.settings = properties.mail();
    this.metrics = metrics;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void run(String configuration) {
    long id = Long.parseLong(configuration);
    Optional<MailOutbox.StoredMail> pending = outbox.pending(id);
    if (pending.isEmpty()) {
      LOG.info("Mail {} is not pending (sent before); not sending it again", id);
      return;
    }
    MailOutbox.StoredMail mail = pending.get();
    // The delivery job has no execution, so the engine sets no log context: the mail's instance is named here.
    try (MDC.MDCCloseable ignored = MDC.putCloseable("processInstanceId", mail.processInstanceId())) {
      deliver(id, mail);
    }
  }

  private void deliver(long id, MailOutbox.StoredMail mail) {
    MailKind kind = MailKind.valueOf(mail.kind());
    JavaMailSender sender = mailSender.getIfAvailable();
    if (sender == null) {
      throw new IllegalStateException("campaign-desk.mail.smtp-enabled is true but spring.mail.host is not set");
    }
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
      helper.setFrom(settings.from());
      helper.setTo(mail.recipient());
      helper.setSubject(mail.subject());
      helper.setText(mail.textBody(), mail.htmlBody());
    } catch (MessagingException e) {
      throw new MailPreparationException("cannot build mail " + id, e);
    }
    // Marked sent first, sent last: the mail leaves just before the job's transaction commits, after the
    // engine has written everything else (the job's deletion, its log), so a node that dies after SMTP
    // accepted the mail can only die in the commit itself. An SMTP failure there rolls the mark back and
    // fails the job like any other exception (retry, then incident).
    outbox.markSent(id, Clocks.instant());
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void beforeCommit(boolean readOnly) {
        try {
          sender.send(message);
        } catch (MailException e) {
          metrics.failed(kind);
          throw e;
        }
        metrics.sent(kind, true);
        try (MDC.MDCCloseable ignored = MDC.putCloseable("processInstanceId", mail.processInstanceId())) {
          LOG.info("Mail {} ({}) to {} sent", id, kind, mail.recipient());
        }
      }
    });
  }
}

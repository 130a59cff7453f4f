package org.campaigndesk.mail;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.DeferredJobs;
import org.campaigndesk.config.CampaignDeskProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends one mail to one person, exactly once per idempotency key: recorded as pending where the
 * decision is taken, sent by a job of its own (MailDelivery), marked sent there.
 */
@Service
public class MailService {

  private static final Logger LOG = LoggerFactory.getLogger(MailService.class);

  private final MailTemplates templates;
  private final MailOutbox outbox;
  private final CampaignDeskProperties.Mail settings;
  private final org.camunda.bpm.engine.RuntimeService runtimeService;
  private final MailMetrics metrics;
  private final DeferredJobs deferredJobs;

  public MailService(MailTemplates templates, MailOutbox outbox, CampaignDeskProperties properties,
      org.camunda.bpm.engine.RuntimeService runtimeService, MailMetrics metrics, DeferredJobs deferredJobs) {
    this.runtimeService = runtimeService;
    this.metrics = metrics;
    this.templates = templates;
    this.outbox = outbox;
    this.deferredJobs = deferredJobs;
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

  /**
   * Decides to send one mail: records it as pending in the caller's transaction (the job that
   * decided) and schedules the job that sends it ({@link MailDelivery}), which exists only if this
   * transaction commits. A record that cannot be written fails the caller, and nothing is sent.
   * Without SMTP (the embedded defaults) the record is the delivery.
   *
   * @return whether a mail was recorded now (false: recorded before under the same key, or no address)
   */
  public boolean send(String idempotencyKey, MailKind kind, Recipient to, Map<String, String> model, String processInstanceId) {
    if (!addressable(to, kind)) {
      return false;
    }
    if (outbox.contains(idempotencyKey)) {
      LOG.info("Mail {} was recorded before; not sending it again", idempotencyKey);
      return false;
    }
    record(idempotencyKey, kind, to, model, processInstanceId, tenantOf(processInstanceId));
    return true;
  }

  /** One mail of several decided together: its idempotency key, recipient and model. */
  public record Outgoing(String idempotencyKey, Recipient to, Map<String, String> model) {}

  /**
   * Decides on several mails of one kind about one instance, each as {@link #send} would: the keys
   * recorded before are looked up in one query and the instance's county once, instead of both for
   * every mail (a campaign's opening mails some fifty units).
   *
   * @return how many mails were recorded now
   */
  public int sendAll(MailKind kind, List<Outgoing> mails, String processInstanceId) {
    List<Outgoing> addressed = mails.stream().filter(m -> addressable(m.to(), kind)).toList();
    if (addressed.isEmpty()) {
      return 0;
    }
    Set<String> recordedBefore = new HashSet<>(outbox.recorded(addressed.stream().map(Outgoing::idempotencyKey).toList()));
    String tenantId = tenantOf(processInstanceId);
    int recorded = 0;
    for (Outgoing mail : addressed) {
      if (!recordedBefore.add(mail.idempotencyKey())) {
        LOG.info("Mail {} was recorded before; not sending it again", mail.idempotencyKey());
        continue;
      }
      record(mail.idempotencyKey(), kind, mail.to(), mail.model(), processInstanceId, tenantId);
      recorded++;
    }
    return recorded;
  }

  private boolean addressable(Recipient to, MailKind kind) {
    if (to.email() == null || to.email().isBlank()) {
      LOG.warn("No mail address for {} ({}): {} not sent", to.userId(), to.name(), kind);
      return false;
    }
    if (to.email().length() > MailOutbox.MAX_RECIPIENT) {
      // Imports refuse such addresses; one set in Camunda Admin (255 characters there) would fail the
      // step that decides on the mail, again and again, and hold up everybody else's mail with it.
      LOG.warn("Mail address of {} ({}) has {} characters, more than the mail record takes ({}): {} not sent",
          to.userId(), to.name(), to.email().length(), MailOutbox.MAX_RECIPIENT, kind);
      return false;
    }
    return true;
  }

  private void record(String idempotencyKey, MailKind kind, Recipient to, Map<String, String> model, String processInstanceId,
      String tenantId) {
    MailTemplates.Rendered mail = templates.render(kind, model);
    long id = outbox.record(idempotencyKey, kind, to, mail, processInstanceId, tenantId, settings.smtpEnabled(), Clocks.instant());
    if (settings.smtpEnabled()) {
      deferredJobs.schedule(MailDelivery.TYPE, Long.toString(id), processInstanceId, tenantId);
      LOG.info("Mail {} to {} recorded; its delivery job sends it", kind, to.userId());
    } else {
      metrics.sent(kind, false);
      LOG.info("Mail {} to {} kept in the outbox", kind, to.userId());
    }
  }
}

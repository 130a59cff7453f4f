package org.campaigndesk.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts mails: {@code campaigndesk.mails.sent} (tags kind, channel smtp or outbox) and
 * {@code campaigndesk.mails.failed} (tag kind: the SMTP server refused or could not be reached; the
 * job is retried, so one mail may fail more than once before it goes out).
 */
@Component
public class MailMetrics {

  private final MeterRegistry registry;

  public MailMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (MailKind kind : MailKind.values()) {
      // Registered up front so every kind shows (with 0) before its first mail.
      sentCounter(kind, true);
      sentCounter(kind, false);
      failedCounter(kind);
    }
  }

  void sent(MailKind kind, boolean smtp) {
    sentCounter(kind, smtp).increment();
  }

  void failed(MailKind kind) {
    failedCounter(kind).increment();
  }

  private Counter sentCounter(MailKind kind, boolean smtp) {
    return Counter.builder("campaigndesk.mails.sent").description("Mails sent (smtp) or only kept in the outbox")
        .tag("kind", kind.name()).tag("channel", smtp ? "smtp" : "outbox").register(registry);
  }

  private Counter failedCounter(MailKind kind) {
    return Counter.builder("campaigndesk.mails.failed").description("Attempts to send a mail that SMTP failed")
        .tag("kind", kind.name()).register(registry);
  }
}

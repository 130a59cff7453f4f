package org.campaigndesk.mail;

import org.campaigndesk.kernel.RecordedFacts;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.campaigndesk.config.CampaignDeskProperties;
import org.springframework.stereotype.Component;

/**
 * The one way a process step mails people, whatever the kind of mail: the step fills a notice's
 * model (the template's placeholders) and names its recipients and their idempotency keys; the
 * notice addresses each recipient by name, links to Tasklist unless the step links elsewhere, and
 * records each mail once ({@link MailService}).
 */
@Component
public class Notifier {

  static final String RECIPIENT_NAME = "recipientName";
  static final String LINK = "link";

  private final MailService mail;
  private final String tasklistUrl;

  public Notifier(MailService mail, CampaignDeskProperties properties) {
    this.mail = mail;
    this.tasklistUrl = properties.mail().tasklistUrl();
  }

  /** A mail of {@code kind} about the process instance of {@code step} (its county, its history). */
  public Notice notice(MailKind kind, DelegateExecution step) {
    return new Notice(kind, step.getProcessInstanceId());
  }

  /**
   * A mail of {@code kind} about the process instance {@code processInstanceId}, decided outside a
   * step of it (deferred work that runs in a job of its own).
   */
  public Notice notice(MailKind kind, String processInstanceId) {
    return new Notice(kind, processInstanceId);
  }

  /**
   * A mail of {@code kind} about the process instance of {@code task}: the hand-over mails decided
   * when a task is created or completed, which link to the task itself ({@link TaskLinks#toTask}).
   */
  public Notice notice(MailKind kind, DelegateTask task) {
    return new Notice(kind, task.getProcessInstanceId());
  }

  /** A value as a mail shows it: "—" where empty (a mail shows no blank). */
  public static String shown(Object value) {
    return value == null || value.toString().isBlank() ? "—" : value.toString();
  }

  /** One mail's kind and model, to be sent to one recipient or several. */
  public final class Notice {

    private final MailKind kind;
    private final String processInstanceId;
    private final Map<String, String> model = new LinkedHashMap<>();

    private Notice(MailKind kind, String processInstanceId) {
      this.kind = kind;
      this.processInstanceId = processInstanceId;
    }

    public Notice put(String name, String value) {
      model.put(name, value);
      return this;
    }

    public Notice putAll(Map<String, String> values) {
      model.putAll(values);
      return this;
    }

    /**
     * Facts of {@code scope} under their own names, as {@link #shown shown}: its variables, or the
     * facts of its record ({@link RecordedFacts}: the key task's).
     */
    public Notice variables(VariableScope scope, String... names) {
      for (String name : names) {
        model.put(name, shown(RecordedFacts.fact(scope::getVariable, name)));
      }
      return this;
    }

    /**
     * Addressed to each of {@code to} by name (unless the notice names its addressee itself), under
     * the key {@code keyOf} gives each: a key recorded before is not sent again.
     *
     * @return how many mails were recorded now
     */
    public int send(Collection<Recipient> to, Function<Recipient, String> keyOf) {
      int recorded = 0;
      for (Recipient recipient : to) {
        if (send(recipient, keyOf.apply(recipient))) {
          recorded++;
        }
      }
      return recorded;
    }

    public boolean send(Recipient to, String key) {
      return mail.send(key, kind, to, modelFor(to, Map.of()), processInstanceId);
    }

    /**
     * Addressed to each recipient of {@code each}, with that recipient's own model entries besides the
     * notice's, under its key, as {@link #send(Recipient, String)} would, recorded together
     * ({@link MailService#sendAll}).
     *
     * @return how many mails were recorded now
     */
    public int sendEach(List<Personal> each) {
      return mail.sendAll(kind, each.stream()
          .map(p -> new MailService.Outgoing(p.key(), p.to(), modelFor(p.to(), p.own()))).toList(), processInstanceId);
    }

    private Map<String, String> modelFor(Recipient to, Map<String, String> own) {
      Map<String, String> full = new LinkedHashMap<>(model);
      full.putAll(own);
      full.putIfAbsent(RECIPIENT_NAME, to.name());
      full.putIfAbsent(LINK, tasklistUrl);
      return full;
    }
  }

  /** One recipient of a notice, its idempotency key, and the model entries that are its own. */
  public record Personal(Recipient to, String key, Map<String, String> own) {
  }
}

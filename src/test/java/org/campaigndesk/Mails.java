package org.campaigndesk;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.campaigndesk.kernel.DeferredJobs;

/** What the tests' SMTP server received. */
public final class Mails {

  private Mails() {}

  /**
   * What the SMTP server received once every mail decided so far has been sent: mail is recorded
   * by the job that decides and sent by a delivery job of its own (MailDelivery), which the tests,
   * running jobs by hand, run here. A delivery that fails stays for its retry, as in production.
   */
  public static MimeMessage[] received(GreenMailExtension greenMail) {
    deliverPending();
    return greenMail.getReceivedMessages();
  }

  /**
   * Runs the due jobs of the application's deferred work (mail deliveries, and the work that decides
   * on mails and leaves their deliveries, e.g. a campaign's opening mails) until none is due.
   */
  public static void deliverPending() {
    ManagementService management = ProcessEngines.getDefaultProcessEngine().getManagementService();
    for (int round = 0; round < 5; round++) {
      List<Job> due = management.createJobQuery().executable().list().stream()
          .filter(job -> DeferredJobs.HANDLER_TYPE.equals(((JobEntity) job).getJobHandlerType())).toList();
      if (due.isEmpty()) {
        return;
      }
      for (Job job : due) {
        try {
          management.executeJob(job.getId());
        } catch (RuntimeException e) {
          // Failed: retried later (no longer due now), as the job executor would.
        }
      }
    }
  }

  /** Mail delivery jobs left by earlier tests (decided there, never delivered): dropped, so they never reach this test's server. */
  public static void dropUndelivered() {
    ManagementService management = ProcessEngines.getDefaultProcessEngine().getManagementService();
    for (Job job : management.createJobQuery().list()) {
      if (DeferredJobs.HANDLER_TYPE.equals(((JobEntity) job).getJobHandlerType())) {
        management.deleteJob(job.getId());
      }
    }
  }

  public static List<String> subjects(MimeMessage[] messages) {
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : messages) {
      try {
        subjects.add(m.getSubject());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return subjects;
  }

  public static List<String> recipients(MimeMessage[] messages) {
    List<String> to = new ArrayList<>();
    for (MimeMessage m : messages) {
      try {
        to.add(m.getRecipients(Message.RecipientType.TO)[0].toString());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return to;
  }

  /** The text/plain part of a mail. */
  public static String plainText(MimeMessage message) {
    try {
      return findText(message.getContent());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String findText(Object content) throws Exception {
    if (content instanceof String text) {
      return text;
    }
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        jakarta.mail.BodyPart part = multipart.getBodyPart(i);
        if (part.isMimeType("text/plain")) {
          return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart) {
          String nested = findText(part.getContent());
          if (nested != null) {
            return nested;
          }
        }
      }
    }
    return null;
  }
}

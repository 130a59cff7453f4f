package org.campaigndesk;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;

/** What the tests' SMTP server received. */
public final class Mails {

  private Mails() {}

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

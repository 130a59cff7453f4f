package org.campaigndesk.mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The real SMTP client (towards GreenMail), which tests can tell to fail once for one address:
 * the way to show that a job retried after a partial failure sends every mail exactly once.
 */
public class FlakyMailSender extends JavaMailSenderImpl {

  private final Set<String> failOnceFor = ConcurrentHashMap.newKeySet();

  public void failOnceFor(String address) {
    failOnceFor.add(address);
  }

  @Override
  public void send(MimeMessage message) {
    try {
      for (Address to : message.getAllRecipients()) {
        if (failOnceFor.remove(to.toString())) {
          throw new MailSendException("simulated SMTP failure for " + to);
        }
      }
    } catch (MessagingException e) {
      throw new MailSendException("unreadable test message", e);
    }
    super.send(message);
  }

  @TestConfiguration
  public static class Config {
    @Bean
    @Primary
    FlakyMailSender flakyMailSender(@Value("${spring.mail.host}") String host, @Value("${spring.mail.port}") int port) {
      FlakyMailSender sender = new FlakyMailSender();
      sender.setHost(host);
      sender.setPort(port);
      sender.setDefaultEncoding("UTF-8");
      return sender;
    }
  }
}

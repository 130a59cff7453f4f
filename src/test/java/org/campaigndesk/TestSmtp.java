package org.campaigndesk;

import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The tests' SMTP server (GreenMail) on a port free when the test JVM starts, so that test runs on
 * one machine (other checkouts, CI beside a developer) never fight over a fixed port. The
 * application under test is pointed at it through {@code spring.mail.port}.
 */
public final class TestSmtp {

  public static final int PORT = freePort();
  public static final ServerSetup SETUP = ServerSetupTest.SMTP.port(PORT);

  static {
    System.setProperty("spring.mail.port", String.valueOf(PORT));
  }

  private TestSmtp() {}

  /** Loads this class, which sets {@code spring.mail.port}: call before an application context starts. */
  public static void configure() {
    // the static initializer does the work
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal SMTP server for fault scripts (scripts/mail-fault.sh): accepts every mail and appends
 * one line per recipient, "recipient TAB subject" (the subject decoded), to a file, written and
 * forced to disk BEFORE it answers 250, as a real server commits its queue file before it answers.
 * A mail whose connection drops before the final "." is not counted (a real server drops it too).
 *
 * <pre>java scripts/SmtpCatcher.java PORT OUT_FILE [DELAY_MS]</pre>
 *
 * DELAY_MS: time spent on each mail before accepting it (a slow server keeps mails in flight longer).
 * Java 17 runs this single file as it is; no dependencies.
 */
public class SmtpCatcher {

  private static final Object WRITE = new Object();
  private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?]+)\\?([BbQq])\\?([^?]*)\\?=");

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    FileOutputStream out = new FileOutputStream(args[1], true);
    long delay = args.length > 2 ? Long.parseLong(args[2]) : 0;
    try (ServerSocket server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress())) {
      System.out.println("SMTP catcher on 127.0.0.1:" + port + " -> " + args[1]);
      while (true) {
        Socket socket = server.accept();
        Thread session = new Thread(() -> serve(socket, out, delay));
        session.setDaemon(true);
        session.start();
      }
    }
  }

  private static void serve(Socket socket, FileOutputStream out, long delay) {
    try (socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        PrintWriter reply = new PrintWriter(socket.getOutputStream(), false, StandardCharsets.ISO_8859_1)) {
      say(reply, "220 catcher ESMTP");
      List<String> recipients = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String upper = line.toUpperCase();
        if (upper.startsWith("EHLO")) {
          say(reply, "250-catcher\r\n250 8BITMIME");
        } else if (upper.startsWith("HELO") || upper.startsWith("NOOP")) {
          say(reply, "250 ok");
        } else if (upper.startsWith("MAIL FROM")) {
          recipients.clear();
          say(reply, "250 ok");
        } else if (upper.startsWith("RCPT TO")) {
          recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
          say(reply, "250 ok");
        } else if (upper.startsWith("RSET")) {
          recipients.clear();
          say(reply, "250 ok");
        } else if (upper.startsWith("DATA")) {
          say(reply, "354 go ahead");
          List<String> message = new ArrayList<>();
          boolean complete = false;
          while ((line = in.readLine()) != null) {
            if (line.equals(".")) {
              complete = true;
              break;
            }
            message.add(line.startsWith("..") ? line.substring(1) : line);
          }
          if (!complete) {
            return; // connection lost inside DATA: not accepted
          }
          if (delay > 0) {
            Thread.sleep(delay);
          }
          String subject = decode(header(message, "Subject"));
          synchronized (WRITE) {
            for (String to : recipients) {
              out.write((to + "\t" + subject + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.getFD().sync();
          }
          say(reply, "250 accepted");
          recipients.clear();
        } else if (upper.startsWith("QUIT")) {
          say(reply, "221 bye");
          return;
        } else {
          say(reply, "502 not implemented");
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away
    }
  }

  private static void say(PrintWriter reply, String text) {
    reply.print(text + "\r\n");
    reply.flush();
  }

  /** A header's value, its folded continuation lines joined. */
  static String header(List<String> message, String name) {
    StringBuilder value = null;
    for (String line : message) {
      if (line.isEmpty()) {
        break;
      }
      if (value != null && (line.startsWith(" ") || line.startsWith("\t"))) {
        value.append(line);
      } else if (value != null) {
        break;
      } else if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        value = new StringBuilder(line.substring(name.length() + 1));
      }
    }
    return value == null ? "" : value.toString().trim();
  }

  /** RFC 2047 encoded words (B and Q); adjacent words' bytes are joined before decoding. */
  static String decode(String value) {
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Charset charset = null;
    Matcher m = ENCODED_WORD.matcher(value);
    int last = 0;
    while (m.find()) {
      String between = value.substring(last, m.start());
      if (!between.isBlank() || charset != null && !Charset.forName(m.group(1)).equals(charset)) {
        flush(text, bytes, charset);
        text.append(between);
      }
      charset = Charset.forName(m.group(1));
      byte[] word = m.group(2).equalsIgnoreCase("B") ? Base64.getDecoder().decode(m.group(3)) : quoted(m.group(3));
      bytes.writeBytes(word);
      last = m.end();
    }
    flush(text, bytes, charset);
    text.append(value.substring(last));
    return text.toString();
  }

  private static void flush(StringBuilder text, ByteArrayOutputStream bytes, Charset charset) {
    if (bytes.size() > 0) {
      text.append(new String(bytes.toByteArray(), charset));
      bytes.reset();
    }
  }

  private static byte[] quoted(String word) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && i + 2 < word.length()) {
        out.write(Integer.parseInt(word.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toByteArray();
  }
}

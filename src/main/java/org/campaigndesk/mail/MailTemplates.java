package org.campaigndesk.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Fills the mail templates ({@code mail/<kind>.txt} and {@code .html}) with ${name} placeholders.
 * Values are escaped in the HTML part; a placeholder without a value is an error, so a template
 * and its model never drift apart unnoticed.
 */
@Component
public class MailTemplates {

  public record Rendered(String subject, String text, String html) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z]+)}");

  private final Map<MailKind, String[]> templates = new EnumMap<>(MailKind.class);

  public MailTemplates() {
    for (MailKind kind : MailKind.values()) {
      templates.put(kind, new String[] {read(kind.template() + ".txt"), read(kind.template() + ".html")});
    }
  }

  public Rendered render(MailKind kind, Map<String, String> model) {
    String[] pair = templates.get(kind);
    return new Rendered(fill(kind.subjectPattern(), model, false), fill(pair[0], model, false), fill(pair[1], model, true));
  }

  private static String fill(String template, Map<String, String> model, boolean html) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = model.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("mail template needs '" + m.group(1) + "' but the model has no such value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value, "UTF-8").replace("\n", "<br>") : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String read(String name) {
    try (InputStream in = new ClassPathResource("mail/" + name).getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("missing mail template mail/" + name, e);
    }
  }
}

package org.campaigndesk.mail;

import java.time.format.DateTimeFormatter;
import org.campaigndesk.kernel.Zones;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import java.util.Set;
import org.campaigndesk.kernel.ApiCaller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Every mail the application has sent, for coordinators in a browser (/api/mail). On the embedded
 * defaults, where no SMTP server is configured, this is where mail can be read.
 */
@RestController
@RequestMapping(value = "/api/mail", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
public class MailboxController {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Zones.DEFAULT);

  private final MailOutbox outbox;

  public MailboxController(MailOutbox outbox) {
    this.outbox = outbox;
  }

  @GetMapping
  public String list(@RequestAttribute(ApiCaller.REGIONS_ATTRIBUTE) Set<String> regions) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>邮件记录</title>"
        + "<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}</style>"
        + "</head><body><h1>邮件记录</h1><p>系统发出的全部邮件（最新的200封）。</p><table><tr><th>时间</th><th>收件人</th><th>主题</th><th>经SMTP发送</th></tr>");
    for (MailOutbox.StoredMail mail : (ApiCaller.ALL_REGIONS.equals(regions) ? outbox.latest(200) : outbox.latest(200, regions))) {
      html.append("<tr><td>").append(TIME.format(mail.sentAt())).append("</td><td>")
          .append(HtmlUtils.htmlEscape(mail.recipientName() + " <" + mail.recipient() + ">")).append("</td><td><a href=\"mail/")
          .append(mail.id()).append("\">").append(HtmlUtils.htmlEscape(mail.subject())).append("</a></td><td>")
          .append(mail.smtp() ? "是" : "否（仅记录）").append("</td></tr>");
    }
    return html.append("</table></body></html>").toString();
  }

  @GetMapping("/{id}")
  public ResponseEntity<String> show(@PathVariable long id,
      @RequestAttribute(ApiCaller.REGIONS_ATTRIBUTE) Set<String> regions) {
    // Another county's mail is answered as if it did not exist.
    if (!ApiCaller.ALL_REGIONS.equals(regions) && !outbox.tenantOf(id).map(regions::contains).orElse(false)) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.of(outbox.find(id).map(MailOutbox.StoredMail::htmlBody));
  }
}

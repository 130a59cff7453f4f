package org.campaigndesk.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The record of every mail sent, keyed by its idempotency key. */
@Repository
public class MailOutbox {

  public record StoredMail(long id, String kind, String recipient, String recipientName, String subject,
      String textBody, String htmlBody, String processInstanceId, boolean smtp, Instant sentAt) {}

  private static final String SELECT = "select id, kind, recipient, recipient_name, subject, text_body, html_body,"
      + " process_instance_id, smtp, sent_at from cd_mail";
  private static final RowMapper<StoredMail> STORED_MAIL = (rs, n) -> new StoredMail(rs.getLong(1), rs.getString(2),
      rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
      rs.getBoolean(9), rs.getTimestamp(10).toInstant());

  private final JdbcTemplate jdbc;

  public MailOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean contains(String idempotencyKey) {
    Integer count = jdbc.queryForObject("select count(*) from cd_mail where idempotency_key = ?", Integer.class, idempotencyKey);
    return count != null && count > 0;
  }

  /**
   * Committed on its own: once a mail has gone out, a rollback of the job that sent it (and the
   * job's retry) must still see it as sent.
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordSent(String idempotencyKey, MailKind kind, Recipient to, MailTemplates.Rendered mail,
      String processInstanceId, String tenantId, boolean smtp, Instant sentAt) {
    jdbc.update("insert into cd_mail (idempotency_key, kind, recipient, recipient_name, subject, text_body, html_body,"
            + " process_instance_id, tenant_id, smtp, sent_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        idempotencyKey, kind.name(), to.email(), to.name(), mail.subject(), mail.text(), mail.html(), processInstanceId,
        tenantId, smtp, Timestamp.from(sentAt));
  }

  public List<StoredMail> latest(int limit) {
    return jdbc.query(SELECT + " order by id desc limit ?", STORED_MAIL, limit);
  }

  /** The latest mail of the given counties (tenants); a mail about no instance belongs to none. */
  public List<StoredMail> latest(int limit, java.util.Collection<String> tenantIds) {
    if (tenantIds.isEmpty()) {
      return List.of();
    }
    String in = String.join(",", java.util.Collections.nCopies(tenantIds.size(), "?"));
    List<Object> args = new java.util.ArrayList<>(tenantIds);
    args.add(limit);
    return jdbc.query(SELECT + " where tenant_id in (" + in + ") order by id desc limit ?", STORED_MAIL, args.toArray());
  }

  /** Mails sent on behalf of any of the given process instances, oldest first. */
  public List<StoredMail> forProcessInstances(java.util.Collection<String> processInstanceIds) {
    if (processInstanceIds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", processInstanceIds.stream().map(id -> "?").toList());
    return jdbc.query(SELECT + " where process_instance_id in (" + marks + ") order by sent_at, id", STORED_MAIL,
        processInstanceIds.toArray());
  }

  public Optional<StoredMail> find(long id) {
    return jdbc.query(SELECT + " where id = ?", STORED_MAIL, id).stream().findFirst();
  }

  public Optional<String> tenantOf(long id) {
    return jdbc.queryForList("select tenant_id from cd_mail where id = ?", String.class, id).stream().findFirst();
  }
}

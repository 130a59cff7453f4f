package org.campaigndesk.mail;

import org.campaigndesk.kernel.InChunks;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The record of every mail, keyed by its idempotency key: written as pending in the transaction
 * that decides to send it (the job's), marked sent by the job that sends it. Every statement joins
 * the caller's transaction, so a job needs one connection.
 */
@Repository
public class MailOutbox {

  public static final String PENDING = "pending";
  public static final String SENT = "sent";
  /** Embedded defaults: kept here for /api/mail, no SMTP. */
  public static final String KEPT = "kept";

  public record StoredMail(long id, String kind, String recipient, String recipientName, String subject,
      String textBody, String htmlBody, String processInstanceId, boolean smtp, Instant sentAt, String status) {}

  private static final String SELECT = "select id, kind, recipient, recipient_name, subject, text_body, html_body,"
      + " process_instance_id, smtp, coalesce(sent_at, recorded_at), status from cd_mail";
  private static final RowMapper<StoredMail> STORED_MAIL = (rs, n) -> new StoredMail(rs.getLong(1), rs.getString(2),
      rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
      rs.getBoolean(9), rs.getTimestamp(10).toInstant(), rs.getString(11));

  /** cd_mail's column sizes (V1): recipient and recipient_name 200, subject 500. */
  public static final int MAX_RECIPIENT = 200;
  static final int MAX_NAME = 200;
  static final int MAX_SUBJECT = 500;

  private final JdbcTemplate jdbc;

  public MailOutbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public boolean contains(String idempotencyKey) {
    Integer count = jdbc.queryForObject("select count(*) from cd_mail where idempotency_key = ?", Integer.class, idempotencyKey);
    return count != null && count > 0;
  }

  /** Which of these idempotency keys are recorded: one query per {@value InChunks#SIZE} keys. */
  public List<String> recorded(List<String> idempotencyKeys) {
    List<String> found = new java.util.ArrayList<>();
    for (List<String> chunk : InChunks.of(idempotencyKeys)) {
      found.addAll(jdbc.queryForList("select idempotency_key from cd_mail where idempotency_key in ("
          + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")", String.class, chunk.toArray()));
    }
    return found;
  }

  /**
   * Records a mail in the caller's transaction: {@link #PENDING} until its job sends it, or
   * {@link #KEPT} (and counted as delivered) when there is no SMTP. A row that cannot be written
   * fails the caller's transaction, so no job to send it exists.
   *
   * @return the record's id
   */
  public long record(String idempotencyKey, MailKind kind, Recipient to, MailTemplates.Rendered mail,
      String processInstanceId, String tenantId, boolean smtp, Instant now) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    String status = smtp ? PENDING : KEPT;
    jdbc.update(connection -> {
      PreparedStatement insert = connection.prepareStatement("insert into cd_mail (idempotency_key, kind, recipient,"
          + " recipient_name, subject, text_body, html_body, process_instance_id, tenant_id, smtp, status, recorded_at,"
          + " sent_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
      insert.setString(1, idempotencyKey);
      insert.setString(2, kind.name());
      insert.setString(3, to.email());
      // Names and subjects come from validated plans; one longer still (set in Admin) is cut, not a failed step.
      insert.setString(4, cut(to.name(), MAX_NAME));
      insert.setString(5, cut(mail.subject(), MAX_SUBJECT));
      insert.setString(6, mail.text());
      insert.setString(7, mail.html());
      insert.setString(8, processInstanceId);
      insert.setString(9, tenantId);
      insert.setBoolean(10, smtp);
      insert.setString(11, status);
      insert.setTimestamp(12, Timestamp.from(now));
      insert.setTimestamp(13, smtp ? null : Timestamp.from(now));
      return insert;
    }, key);
    return key.getKey().longValue();
  }

  /**
   * A pending mail, locked until the caller's transaction ends, or empty when it was sent already
   * (a job run twice) or does not exist. The lock makes a second run of the same delivery (another
   * node that took the job over when its lock expired) wait, and then find it sent.
   */
  public Optional<StoredMail> pending(long id) {
    return jdbc.query(SELECT + " where id = ? and status = ? for update", STORED_MAIL, id, PENDING).stream().findFirst();
  }

  static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  public void markSent(long id, Instant sentAt) {
    jdbc.update("update cd_mail set status = ?, sent_at = ? where id = ?", SENT, Timestamp.from(sentAt), id);
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

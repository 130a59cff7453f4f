-- A mail is recorded as pending in the transaction that decides to send it, then sent by a job of
-- its own and marked sent (MailService, MailDelivery). Rows of earlier versions were written after
-- sending: they are sent. 'kept': the embedded defaults' outbox-only mail, never sent by SMTP.
alter table cd_mail add column status varchar(10) default 'sent' not null;
alter table cd_mail add column recorded_at timestamp;
alter table cd_mail alter column sent_at drop not null;

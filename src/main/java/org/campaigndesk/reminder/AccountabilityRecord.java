package org.campaigndesk.reminder;

import org.camunda.bpm.engine.variable.value.TypedValue;
import org.campaigndesk.kernel.Json;

/**
 * What one escalation (约谈问责) recorded: the interview and the accountability decision. The
 * escalation keeps it as its own typed JSON variable ({@link #VARIABLE}); the ledger and the dossier
 * list each escalation's record beside the work it concerns, found by the business key they share.
 * {@code line} is the record as one sentence, as the ledger shows it.
 */
public record AccountabilityRecord(String subject, String dueDateText, String interviewDate, String interviewers,
    String interviewee, String outcome, String decision, String note, String line) {

  public static final String VARIABLE = "accountabilityRecord";

  public static AccountabilityRecord of(String subject, String dueDateText, String interviewDate, String interviewers,
      String interviewee, String outcome, String decision, String note) {
    return new AccountabilityRecord(subject, dueDateText, interviewDate, interviewers, interviewee, outcome, decision, note,
        sentence(subject, dueDateText, interviewDate, interviewers, interviewee, outcome, decision));
  }

  /** The record as one sentence with the decision as it is shown (its label; the stored {@link #line} has the value). */
  public String line(String decisionShown) {
    return sentence(subject, dueDateText, interviewDate, interviewers, interviewee, outcome, decisionShown);
  }

  private static String sentence(String subject, String dueDateText, String interviewDate, String interviewers,
      String interviewee, String outcome, String decision) {
    return subject + "逾期（" + dueDateText + "到期）：" + interviewDate + " 由" + interviewers + "约谈" + interviewee + "。"
        + outcome + " 问责决定：" + decision;
  }

  /** The record from the variable's value (Spin JSON, or its text). */
  public static AccountabilityRecord read(Object value) {
    return Json.readVariable(value, AccountabilityRecord.class);
  }

  /** As the variable is stored: JSON, typed, so Cockpit shows it as such. */
  public TypedValue value() {
    return Json.variable(this);
  }
}

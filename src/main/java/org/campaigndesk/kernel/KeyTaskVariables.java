package org.campaigndesk.kernel;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import java.util.List;

/**
 * Names of the key task's facts the BPMN, the forms and the Java code share. A key task keeps them in
 * one record (the JSON variable {@code keyTask}, task.KeyTaskRecord), whose facts go by these names
 * ({@link RecordedFacts}); a few are also its read-only index for Tasklist and the queries (planId,
 * taskNo, taskLabel, deadlineText, leadUnitName, campaignName). The other processes (campaign items,
 * rectifications, supervision targets, escalations) keep the facts they share with it as variables
 * of these names; key tasks that ended before the record keep theirs too.
 */
public final class KeyTaskVariables {

  public static final String PROCESS_KEY = "key-task";

  public static final String PLAN_ID = "planId";
  public static final String PLAN_TITLE = "planTitle";
  public static final String PLAN_TIMEZONE = "planTimezone";
  public static final String TASK_NO = "taskNo";
  public static final String TASK_TITLE = "taskTitle";
  public static final String TASK_LABEL = "taskLabel";
  public static final String TASK_DESCRIPTION = "taskDescription";
  public static final String LEAD_LEADER_IDS = "leadLeaderIds";
  public static final String LEAD_LEADER_NAMES = "leadLeaderNames";
  public static final String LEAD_UNIT_ID = "leadUnitId";
  public static final String LEAD_UNIT_NAME = "leadUnitName";
  public static final String CO_LEAD_UNIT_IDS = "coLeadUnitIds";
  public static final String CO_LEAD_UNIT_NAMES = "coLeadUnitNames";
  public static final String RESPONSIBLE_UNIT_IDS = "responsibleUnitIds";
  public static final String RESPONSIBLE_UNIT_NAMES = "responsibleUnitNames";
  public static final String CONTRIBUTOR_UNIT_IDS = "contributorUnitIds";
  public static final String UNIT_NAMES = "unitNames";
  public static final String UNIT_ALIASES = "unitAliases";
  public static final String DEADLINE = "deadline";
  public static final String DEADLINE_DATE = "deadlineDate";
  public static final String DEADLINE_TEXT = "deadlineText";
  public static final String CAMPAIGN_ID = "campaignId";
  public static final String CAMPAIGN_NAME = "campaignName";
  /** False while the plan leaves lead unit or deadline open: the key task waits in 分解交办. */
  public static final String OWNER_KNOWN = "ownerKnown";
  public static final String RESPONSIBLE_PERSON_TEXT = "responsiblePersonText";
  public static final String TARGETS_TEXT = "targetsText";
  /** In a plan over several years, the year the task belongs to (null: the plan's last). */
  public static final String YEAR_OF_TASK = "taskYear";

  // Set by forms
  public static final String SUB_ITEMS = "subItems";
  public static final String ACCEPTANCE_DECISION = "acceptanceDecision";
  public static final String RETURN_REASON = "returnReason";

  // Set on contribution tasks (multi-instance element variable and task-local context)
  public static final String CONTRIBUTOR_UNIT = "contributorUnit";
  public static final String CONTRIBUTOR_UNIT_NAME = "contributorUnitName";
  public static final String MY_SUB_ITEMS = "mySubItems";
  public static final String CONTRIBUTION_REPORT = "contributionReport";
  public static final String CONTRIBUTION_DATE = "contributionDate";

  public static final String CLOSED_OUT_AT = "closedOutAt";

  private KeyTaskVariables() {}

  /**
   * Leader id lists of the processes that still keep them as comma-separated text (a rectification's,
   * a supervision target's); the key task keeps its lists as JSON in its record.
   */
  public static String joinIds(List<String> ids) {
    return String.join(",", ids);
  }

  /**
   * A list that grows with the plan (its key task numbers): text while it fits the engine's
   * 4,000-character text column, else the same text as bytes (stored in a byte array, no size limit),
   * so no plan size breaks a column. {@link #splitIds} reads both.
   */
  public static TypedValue idList(List<String> ids) {
    String text = joinIds(ids);
    return text.length() <= MAX_TEXT ? Variables.stringValue(text)
        : Variables.byteArrayValue(text.getBytes(StandardCharsets.UTF_8));
  }

  /** ACT_RU_VARIABLE.TEXT_ (and its history) is varchar(4000). */
  static final int MAX_TEXT = 4000;

  /** Ids from a list (a record's), or from comma-separated text (text or bytes, see {@link #idList}). */
  public static List<String> splitIds(Object csv) {
    if (csv instanceof java.util.Collection<?> list) {
      return list.stream().filter(java.util.Objects::nonNull).map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    if (csv instanceof byte[] bytes) {
      csv = new String(bytes, StandardCharsets.UTF_8);
    }
    if (csv == null || csv.toString().isBlank()) {
      return List.of();
    }
    return Arrays.stream(csv.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}

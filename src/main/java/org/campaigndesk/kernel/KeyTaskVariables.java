package org.campaigndesk.kernel;


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
}

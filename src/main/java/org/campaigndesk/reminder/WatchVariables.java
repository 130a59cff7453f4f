package org.campaigndesk.reminder;

/** Variables of the deadline-watch process beyond those it receives from the key task. */
public final class WatchVariables {

  public static final String PROCESS_KEY = "deadline-watch";
  public static final String EXTENDED_MESSAGE = "DeadlineExtended";

  public static final String DUE_DATE = "dueDate";
  public static final String NEW_DUE_DATE = "newDueDate";
  public static final String WATCH_SUBJECT = "watchSubject";
  public static final String DEADLINE_KIND = "deadlineKind";
  public static final String HANDLED_OFFSETS = "handledReminderOffsets";
  public static final String DUE_DATE_TEXT = "dueDateText";
  public static final String DAYS_OVERDUE = "daysOverdue";
  /** Set on the key task's scope that the watch guards; forms show a banner, task priority goes up. */
  public static final String OVERDUE = "overdue";

  /**
   * Set on the watched process instance itself (a key task, a rectification) while its own deadline
   * in force has passed with the work open: the overdue filters of Tasklist (已逾期, 全部逾期) list
   * every open task of such a process, whatever the task's own due date.
   */
  public static final String DEADLINE_PASSED = "deadlinePassed";
  /** The deadline kinds that are the watched process's own deadline, not one report's. */
  public static final java.util.Set<String> MAIN_DEADLINE_KINDS = java.util.Set.of("completion", "rectification");

  public static final int OVERDUE_PRIORITY = 80;

  /**
   * The activity instance of the caller's scope that the watch guards (the subprocess holding its
   * call activity), given at the call: the watch reports to its caller about that scope.
   */
  public static final String WATCHED_SCOPE = "watchedScope";
  /** The message a watch sends its caller when the deadline passed, or was moved after it had. */
  public static final String STATUS_MESSAGE = "DeadlineStatus";
  /** The message's contents, held by the caller's event subprocess that receives it. */
  public static final String REPORTED_SCOPE = "reportedScope";
  public static final String REPORTED_OVERDUE = "reportedOverdue";
  public static final String REPORTED_KIND = "reportedKind";

  private WatchVariables() {}
}

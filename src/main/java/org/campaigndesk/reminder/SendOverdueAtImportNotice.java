package org.campaigndesk.reminder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.campaigndesk.config.CampaignDeskProperties;
import org.campaigndesk.mail.MailKind;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.mail.Notifier;
import org.springframework.stereotype.Component;

/**
 * A plan imported after some of its deadlines: instead of one overdue mail per key task (and an
 * interview at once), each lead unit gets one notice listing its tasks already overdue; their
 * grace period starts at the import (see {@link DeadlineWatch#graceEnd}).
 */
@Component("sendOverdueAtImportNotice")
public class SendOverdueAtImportNotice implements JavaDelegate {

  private final PlanRepository plans;
  private final Notifier notifier;
  private final Recipients recipients;
  private final int graceWorkingDays;

  public SendOverdueAtImportNotice(PlanRepository plans, Notifier notifier, Recipients recipients,
      CampaignDeskProperties properties) {
    this.plans = plans;
    this.notifier = notifier;
    this.recipients = recipients;
    this.graceWorkingDays = properties.reminders().graceWorkingDays();
  }

  @Override
  public void execute(DelegateExecution execution) {
    PlanFacts plan = PlanFacts.of(execution);
    // The import time is the stored plan's record (not its file), as the deadline watch reads it for the grace period.
    LocalDate importDay = LocalDate.ofInstant(plans.find(plan.planId()).orElseThrow().importedAt(), plan.zone());
    Map<String, List<String>> overdueByUnit = overdueByLeadUnit(plan, importDay);
    for (Map.Entry<String, List<String>> unit : overdueByUnit.entrySet()) {
      notifier.notice(MailKind.OVERDUE_AT_IMPORT, execution)
          .put(KeyTaskVariables.PLAN_TITLE, plan.title())
          .put("importedText", ChineseDates.format(importDay))
          .put("count", String.valueOf(unit.getValue().size()))
          .put("taskList", String.join("\n", unit.getValue()))
          .put("graceDays", String.valueOf(graceWorkingDays))
          .send(recipients.unitContact(unit.getKey()), execution.getProcessInstanceId() + "/overdue-at-import/" + unit.getKey());
    }
  }

  /**
   * The annual plan's gateway before this notice: whether any key task with a lead unit was overdue as
   * the plan starts (at its import). Without one (a plan for next year) the plan leaves no job for a
   * notice that would send nothing. Today, not the stored import time: read in the import's own
   * command, the two are the same day, or today is later and this says yes, as the notice would.
   */
  public boolean anyOverdue(DelegateExecution execution) {
    PlanFacts plan = PlanFacts.of(execution);
    return !overdueByLeadUnit(plan, Clocks.today(plan.zone())).isEmpty();
  }

  /** Lead unit → its key tasks whose deadline lay before {@code importDay}, each with its deadline. */
  static Map<String, List<String>> overdueByLeadUnit(PlanFacts plan, LocalDate importDay) {
    Map<String, List<String>> byUnit = new LinkedHashMap<>();
    for (PlanFacts.KeyTask task : plan.keyTasks()) {
      if (task.owningUnitId() != null && task.overdueOn(importDay)) {
        byUnit.computeIfAbsent(task.owningUnitId(), u -> new ArrayList<>())
            .add(task.label() + "（完成时限：" + task.deadlineText() + "）");
      }
    }
    return byUnit;
  }
}

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
import org.campaigndesk.mail.MailService;
import org.campaigndesk.mail.Recipient;
import org.campaigndesk.mail.Recipients;
import org.campaigndesk.plan.ChineseDates;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/**
 * A plan imported after some of its deadlines: instead of one overdue mail per key task (and an
 * interview at once), each lead unit gets one notice listing its tasks already overdue; their
 * grace period starts at the import (see {@link DeadlineWatch#graceEnd}).
 */
@Component("sendOverdueAtImportNotice")
public class SendOverdueAtImportNotice implements JavaDelegate {

  private final PlanRepository plans;
  private final MailService mail;
  private final Recipients recipients;
  private final CampaignDeskProperties properties;

  public SendOverdueAtImportNotice(PlanRepository plans, MailService mail, Recipients recipients,
      CampaignDeskProperties properties) {
    this.plans = plans;
    this.mail = mail;
    this.recipients = recipients;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String planId = (String) execution.getVariable(KeyTaskVariables.PLAN_ID);
    Plan plan = plans.load(planId);
    // The import time is the stored plan's, as the deadline watch reads it for the grace period.
    LocalDate importDay = LocalDate.ofInstant(plans.find(planId).orElseThrow().importedAt(), plan.info().timezone());
    Map<String, List<String>> overdueByUnit = overdueByLeadUnit(plan, importDay);
    for (Map.Entry<String, List<String>> unit : overdueByUnit.entrySet()) {
      Recipient to = recipients.unitContact(unit.getKey());
      Map<String, String> model = new LinkedHashMap<>();
      model.put("recipientName", to.name());
      model.put(KeyTaskVariables.PLAN_TITLE, plan.info().title());
      model.put("importedText", ChineseDates.format(importDay));
      model.put("count", String.valueOf(unit.getValue().size()));
      model.put("taskList", String.join("\n", unit.getValue()));
      model.put("graceDays", String.valueOf(properties.reminders().graceWorkingDays()));
      model.put("link", properties.mail().tasklistUrl());
      mail.send(execution.getProcessInstanceId() + "/overdue-at-import/" + to.userId(), MailKind.OVERDUE_AT_IMPORT, to, model,
          execution.getProcessInstanceId());
    }
  }

  /** Lead unit → its key tasks whose deadline lay before {@code importDay}, each with its deadline. */
  static Map<String, List<String>> overdueByLeadUnit(Plan plan, LocalDate importDay) {
    Map<String, List<String>> byUnit = new LinkedHashMap<>();
    for (Plan.KeyTask task : plan.tasks()) {
      if (task.owningUnitId() != null && task.overdueOn(importDay)) {
        byUnit.computeIfAbsent(task.owningUnitId(), u -> new ArrayList<>())
            .add(task.label() + "（完成时限：" + task.deadline().text() + "）");
      }
    }
    return byUnit;
  }
}

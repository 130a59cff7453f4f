package org.campaigndesk.task;

import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.campaigndesk.kernel.Clocks;
import org.springframework.stereotype.Component;

/**
 * Gives each unit's contribution task its own part of the implementation plan: the unit's name,
 * the sub-items it owns, and a due date at its latest sub-item (the key task's deadline if none).
 */
@Component("contributionTaskSetup")
public class ContributionTaskSetup implements TaskListener {

  private final DueDates dueDates;
  private final Breakdown breakdown;
  private final Contributions contributions;

  public ContributionTaskSetup(DueDates dueDates, Breakdown breakdown, Contributions contributions) {
    this.dueDates = dueDates;
    this.breakdown = breakdown;
    this.contributions = contributions;
  }

  @Override
  public void notify(DelegateTask task) {
    String unit = (String) task.getVariable(CONTRIBUTOR_UNIT);
    // Task-local, so that the units working in parallel do not overwrite each other's reports.
    task.setVariableLocal(CONTRIBUTION_REPORT, "");
    task.setVariableLocal(CONTRIBUTION_DATE, null);
    String name = unitName(task, unit);
    task.setVariableLocal(CONTRIBUTOR_UNIT_NAME, name);
    List<SubItem> mine = breakdown.items(task).stream().filter(i -> unit.equals(i.ownerUnit())).toList();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < mine.size(); i++) {
      SubItem item = mine.get(i);
      text.append(i + 1).append(". ").append(item.content());
      if (item.dueDate() != null) {
        text.append("（").append(item.dueDate()).append("前完成）");
      }
      text.append('\n');
    }
    task.setVariableLocal(MY_SUB_ITEMS, text.isEmpty() ? "实施方案未给本单位分解具体任务，请按重点工作要求配合落实。" : text.toString().trim());
    Date due = mine.stream().map(SubItem::dueDate).filter(d -> d != null).max(Comparator.naturalOrder())
        .map(latest -> DueDates.endOfDay(latest, DueDates.zone(task)))
        .orElse(KeyTaskRecord.of(task).deadlineAt());
    // Work handed out after the key task's deadline has passed is not born overdue: it gets the usual time.
    task.setDueDate(due.before(Clocks.now()) ? dueDates.implementationPlan(task) : due);
    contributions.opened(task, unit, name, mine, task.getDueDate().toInstant().atZone(DueDates.zone(task)).toLocalDate());
  }

  private String unitName(DelegateTask task, String unit) {
    return KeyTaskRecord.of(task).unitNames().getOrDefault(unit, unit);
  }
}

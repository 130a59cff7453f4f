package org.campaigndesk.task;


import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Checks the completion request form on the server (the form's own checks can be bypassed over
 * REST): a choice between completion and extension; for completion a summary and the date it was
 * completed (YYYY-MM-DD, a real date); for an extension a later date and a reason.
 */
@Component("extensionRequestCheck")
public class ExtensionRequestCheck implements TaskListener {

  public static final String REQUEST_KIND = "requestKind";
  public static final String EXTENSION_NEW_DATE = "extensionNewDate";
  public static final String EXTENSION_REASON = "extensionReason";
  public static final String EXTENSION_REQUESTS = "extensionRequests";

  @Override
  public void notify(DelegateTask task) {
    Object kind = task.getVariable(REQUEST_KIND);
    List<String> problems = new ArrayList<>();
    if ("extension".equals(kind)) {
      LocalDate current = KeyTaskRecord.of(task).deadline();
      LocalDate today = DueDates.today(DueDates.zone(task));
      Object requested = task.getVariable(EXTENSION_NEW_DATE);
      try {
        LocalDate date = LocalDate.parse(String.valueOf(requested));
        if (!date.isAfter(current)) {
          problems.add("申请延期至：" + date + " 不晚于现完成时限 " + current);
        } else if (!date.isAfter(today)) {
          problems.add("申请延期至：" + date + " 已经过去");
        }
      } catch (DateTimeParseException e) {
        problems.add("申请延期至：'" + requested + "' 不是日期（YYYY-MM-DD）");
      }
      Object reason = task.getVariable(EXTENSION_REASON);
      if (reason == null || reason.toString().isBlank()) {
        problems.add("延期理由：不能为空");
      }
      if (problems.isEmpty()) {
        Object count = task.getVariable(EXTENSION_REQUESTS);
        task.getExecution().setVariable(EXTENSION_REQUESTS, count == null ? 1 : ((Number) count).intValue() + 1);
      }
    } else if ("completion".equals(kind)) {
      Object summary = task.getVariable("completionSummary");
      if (summary == null || summary.toString().isBlank()) {
        problems.add("办结总结：不能为空");
      }
      Object completedOn = task.getVariable("completedOn");
      if (completedOn == null || completedOn.toString().isBlank()) {
        problems.add("实际完成日期：不能为空");
      } else if (!completedOn.toString().matches("\\d{4}-\\d{2}-\\d{2}")) {
        problems.add("实际完成日期：'" + completedOn + "' 不是日期，请按 YYYY-MM-DD 填写");
      } else {
        try {
          LocalDate.parse(completedOn.toString());
        } catch (DateTimeParseException e) {
          problems.add("实际完成日期：'" + completedOn + "' 不是有效日期");
        }
      }
    } else {
      problems.add("办理事项：请选择“申请办结”或“申请延期”");
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("办结申请未通过检查：" + String.join("；", problems));
    }
  }
}

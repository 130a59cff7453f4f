package org.campaigndesk.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.variable.value.FileValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.campaigndesk.kernel.EvidenceFiles;
import org.springframework.stereotype.Component;

/**
 * The evidence files submitted with a task's form (File variables evidence1…evidence5): checked on
 * the server (type and size, whatever the browser let through) and kept on the task itself, so
 * that parallel units' and later months' submissions never overwrite one another and the history
 * shows each file with the step that submitted it. Tasklist's submission puts a new variable on the
 * process instance; this complete listener moves it onto the task.
 */
@Component("submittedEvidence")
public class SubmittedEvidence {

  public void keepLocal(DelegateTask task) {
    List<String> problems = new ArrayList<>();
    for (int i = 1; i <= EvidenceFiles.MAX_FILES; i++) {
      String name = EvidenceFiles.variable(EvidenceFiles.FIELD, i);
      TypedValue value = task.getVariableTyped(name, false);
      if (value == null || value.getValue() == null) {
        continue;
      }
      if (!(value instanceof FileValue file)) {
        problems.add("附件" + i + "：不是文件");
        continue;
      }
      EvidenceFiles.problem(file.getFilename(), size(file)).ifPresent(p -> problems.add("附件" + (problems.size() + 1) + "：" + p));
      if (!task.hasVariableLocal(name)) {
        task.getExecution().removeVariable(name);
        task.setVariableLocal(name, file);
      }
    }
    if (!problems.isEmpty()) {
      throw new ProcessEngineException("佐证材料未通过检查：" + String.join("；", problems));
    }
  }

  private static long size(FileValue file) {
    try (InputStream in = file.getValue()) {
      return in == null ? 0 : in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.campaigndesk.kernel;

import java.util.List;
import org.camunda.bpm.engine.impl.Direction;
import org.camunda.bpm.engine.impl.QueryOrderingProperty;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.TaskQueryProperty;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * A sorted task list ends its order with the task's id. Tasklist pages its lists (15 at a time) and
 * sorts them by priority and due date; a campaign gives hundreds of tasks the same of both, and
 * without a last, unique key the database may order such ties differently for each page, so that a
 * coordinator paging through 全部待办 sees one task twice and another never. A list the caller does
 * not sort is already ordered by id by the engine, and one that sorts by id is left as it is.
 */
@Component
public class TaskListsInStableOrder extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    EngineSessions.replace(configuration, TaskManager.class, Manager::new);
  }

  static final class Manager extends TaskManager {

    @Override
    public List<Task> findTasksByQueryCriteria(TaskQueryImpl query) {
      endWithId(query);
      return super.findTasksByQueryCriteria(query);
    }
  }

  static void endWithId(TaskQueryImpl query) {
    List<QueryOrderingProperty> ordering = query.getOrderingProperties();
    if (ordering == null || ordering.isEmpty()) {
      return;
    }
    boolean byId = ordering.stream().anyMatch(p -> !p.hasRelationConditions() && p.getRelation() == null
        && TaskQueryProperty.TASK_ID.equals(p.getQueryProperty()));
    if (!byId) {
      ordering.add(new QueryOrderingProperty(TaskQueryProperty.TASK_ID, Direction.ASCENDING));
    }
  }
}

package org.campaigndesk.ops;

import org.campaigndesk.kernel.Databases;
import org.campaigndesk.kernel.InstallationLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, an index on the engine's open tasks in Tasklist's urgency order (priority, due date,
 * id: scripts/campaign-desk/urgency-sort.js, kernel.TaskListsInStableOrder). Camunda's task query
 * selects {@code distinct} rows, so without it a coordinator's 全部待办 sorts every open task of the
 * province on every page (40,000 at 129 counties: 84 ms, spilling to disk); with it the page reads its
 * 15 rows in order (8 ms). Beside it, one on the tasks' suspension state: every open task has the
 * same, so the index is a few hundred KB, and Tasklist's count of 全部待办 (the open tasks, counted
 * with every page: kernel.TaskCountsWithoutDistinct) reads it instead of every task's row (40,000 at
 * 129 counties: 7 ms instead of 80 on the benchmark machine, once the table's visibility map is set,
 * kernel.TableStatistics). Flyway cannot hold them: on an empty database Flyway runs before the engine
 * creates its tables ({@link ProcessEngineAfterFlyway}). Written in turn with other nodes starting.
 */
@Component
@Order(5)
public class TaskListIndex implements ApplicationRunner {

  static final String NAME = "cd_task_urgency";
  static final String ACTIVE = "cd_task_active";

  private final JdbcTemplate jdbc;
  private final InstallationLock installationLock;

  public TaskListIndex(JdbcTemplate jdbc, InstallationLock installationLock) {
    this.jdbc = jdbc;
    this.installationLock = installationLock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (Databases.isPostgres(jdbc.getDataSource())) {
      installationLock.inTurn(() -> {
        jdbc.execute("create index if not exists " + NAME + " on act_ru_task (priority_ desc, due_date_, id_)");
        jdbc.execute("create index if not exists " + ACTIVE + " on act_ru_task (suspension_state_)");
      });
    }
  }
}

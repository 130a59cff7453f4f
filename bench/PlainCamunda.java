import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.model.bpmn.Bpmn;

/**
 * The baseline of bench/province.sh: plain Camunda 7.24 (the engine jar the application ships, no
 * application code) on a database of its own, configured like the application where it matters
 * (history level full, a 20-connection Hikari pool, the job executor's default pool of 3..10 threads
 * and its 10 s max-wait). Prints, per round, one line the script reads:
 *
 * <pre>
 *   start-user-task ROUND INSTANCES SECONDS   start -> user task (candidate group), one thread, one tx each
 *   due-timers ROUND JOBS SECONDS             already-due timer jobs fired by the job executor
 * </pre>
 *
 * Usage: java -cp 'lib/*:.' PlainCamunda jdbcUrl user password instances timers rounds
 */
public class PlainCamunda {

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String user = args[1];
    String password = args[2];
    int instances = Integer.parseInt(args[3]);
    int timers = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);

    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(20);
    HikariDataSource dataSource = new HikariDataSource(hikari);

    StandaloneProcessEngineConfiguration cfg = (StandaloneProcessEngineConfiguration)
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
    cfg.setDataSource(dataSource);
    cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    cfg.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
    cfg.setJobExecutorActivate(true);
    cfg.setJobExecutorAcquireByPriority(false);
    DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
    jobExecutor.setMaxWait(10_000); // as the application's camunda.bpm.job-execution.max-wait
    cfg.setJobExecutor(jobExecutor);
    ProcessEngine engine = cfg.buildProcessEngine();
    RuntimeService runtime = engine.getRuntimeService();

    engine.getRepositoryService().createDeployment()
        .addModelInstance("plain-user-task.bpmn", Bpmn.createExecutableProcess("plainUserTask").camundaHistoryTimeToLive(1)
            .startEvent().userTask("Task_Work").name("工作").camundaCandidateGroups("units").endEvent().done())
        .addModelInstance("plain-timer.bpmn", Bpmn.createExecutableProcess("plainTimer").camundaHistoryTimeToLive(1)
            .startEvent().intermediateCatchEvent("Timer_Due").timerWithDate("${due}").endEvent().done())
        .enableDuplicateFiltering(true)
        .deploy();

    for (int round = 1; round <= rounds; round++) {
      long t0 = System.nanoTime();
      for (int i = 0; i < instances; i++) {
        runtime.startProcessInstanceByKey("plainUserTask", "r" + round + "-" + i);
      }
      System.out.printf("start-user-task %d %d %.3f%n", round, instances, (System.nanoTime() - t0) / 1e9);
    }

    for (int round = 1; round <= rounds; round++) {
      // Created an hour ahead, then all moved to now at once: a storm of due timers, as the script
      // makes in the application (act_ru_job.duedate_ moved by SQL).
      Date later = new Date(System.currentTimeMillis() + 3_600_000L);
      for (int i = 0; i < timers; i++) {
        runtime.startProcessInstanceByKey("plainTimer", Map.of("due", later));
      }
      try (Connection c = dataSource.getConnection()) {
        try (PreparedStatement moved = c.prepareStatement(
            "update act_ru_job set duedate_ = now() where process_def_key_ = 'plainTimer'")) {
          moved.executeUpdate();
        }
        // From the first fired job (the idle executor may sleep up to max-wait first) until none is left.
        long start = 0;
        while (true) {
          long left = count(c);
          if (start == 0 && left < timers) {
            start = System.nanoTime();
          }
          if (left == 0) {
            break;
          }
          Thread.sleep(50);
        }
        System.out.printf("due-timers %d %d %.3f%n", round, timers, (System.nanoTime() - start) / 1e9);
      }
    }
    engine.close();
    dataSource.close();
  }

  private static long count(Connection c) throws Exception {
    try (PreparedStatement q = c.prepareStatement("select count(*) from act_ru_job where process_def_key_ = 'plainTimer'");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}

package org.campaigndesk.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campaigndesk.kernel.EngineTaps;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 5.1, right after V5__task_audit.sql made the tables: moves a database the
 * engine wrote at history level full (every installation before issue 15) to the configured level.
 * The engine refuses to start when the level it stored differs from the configured one, so the
 * stored level is set to the configured one here, once; and {@code cd_task_party} and
 * {@code cd_variable_change} are filled from the full history (identity link log, operation log,
 * variable updates), so tasks and values from before the upgrade read as those after it. The old
 * history itself stays where it is until history cleanup removes it. On a fresh database (Flyway
 * runs before the engine creates its tables) there is nothing to do.
 */
@Component
public class HistoryLevelUpgrade implements JavaMigration {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryLevelUpgrade.class);
  /** The ids Camunda stores for its built-in history levels. */
  static final Map<String, Integer> LEVEL_IDS = Map.of("none", 0, "activity", 1, "audit", 2, "full", 3);

  private final String configuredLevel;

  public HistoryLevelUpgrade(@Value("${camunda.bpm.history-level:full}") String configuredLevel) {
    this.configuredLevel = configuredLevel.toLowerCase(Locale.ROOT);
  }

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("5.1");
  }

  @Override
  public String getDescription() {
    return "history level upgrade";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    if (exists(connection, "act_ge_property") && LEVEL_IDS.containsKey(configuredLevel)) {
      String level = String.valueOf(LEVEL_IDS.get(configuredLevel));
      int changed = jdbc.update("update ACT_GE_PROPERTY set VALUE_ = ?, REV_ = REV_ + 1 where NAME_ = 'historyLevel' and VALUE_ <> ?",
          level, level);
      if (changed > 0) {
        LOG.info("The engine's stored history level is now {} ({}), as configured", configuredLevel, level);
      }
    }
    if (exists(connection, "act_hi_identitylink") && exists(connection, "act_hi_taskinst")) {
      int parties = jdbc.update("insert into cd_task_party (task_id, process_instance_id, party_role, user_id, group_id, recorded_at)"
          + " select l.TASK_ID_, max(t.PROC_INST_ID_), l.TYPE_, l.USER_ID_, l.GROUP_ID_, min(l.TIMESTAMP_)"
          + " from ACT_HI_IDENTITYLINK l left join ACT_HI_TASKINST t on t.ID_ = l.TASK_ID_"
          + " where l.TASK_ID_ is not null and l.OPERATION_TYPE_ = 'add' and l.TYPE_ in ('candidate', 'assignee', 'owner')"
          + " and l.TIMESTAMP_ is not null group by l.TASK_ID_, l.TYPE_, l.USER_ID_, l.GROUP_ID_");
      LOG.info("{} task offers and holders taken over from the identity link log", parties);
    }
    if (exists(connection, "act_hi_op_log")) {
      int completers = jdbc.update("insert into cd_task_party (task_id, process_instance_id, party_role, user_id, group_id, recorded_at)"
          + " select TASK_ID_, max(PROC_INST_ID_), '" + TaskAudit.COMPLETER + "', USER_ID_, null, min(TIMESTAMP_) from ACT_HI_OP_LOG"
          + " where OPERATION_TYPE_ = 'Complete' and ENTITY_TYPE_ = 'Task' and TASK_ID_ is not null and USER_ID_ is not null"
          + " and TIMESTAMP_ is not null group by TASK_ID_, USER_ID_");
      LOG.info("{} task completions taken over from the operation log", completers);
    }
    if (exists(connection, "act_hi_detail") && exists(connection, "act_ge_bytearray") && exists(connection, "act_hi_procinst")) {
      LOG.info("{} variable changes taken over from the variable updates", copyVariableChanges(jdbc));
    }
  }

  /** The variable updates the engine would now report (see EngineTaps), into cd_variable_change; in batches. */
  private static int copyVariableChanges(JdbcTemplate jdbc) {
    List<EngineTaps.VariableChange> batch = new ArrayList<>();
    int[] copied = {0};
    jdbc.setFetchSize(1000);
    jdbc.query("select d.PROC_INST_ID_, d.EXECUTION_ID_, d.NAME_, d.REV_, d.TIME_, d.VAR_TYPE_, d.TEXT_, d.LONG_, d.DOUBLE_,"
        + " b.BYTES_ from ACT_HI_DETAIL d left join ACT_GE_BYTEARRAY b on b.ID_ = d.BYTEARRAY_ID_ and d.VAR_TYPE_ in ('json', 'xml')"
        + " left join ACT_HI_PROCINST p on p.PROC_INST_ID_ = d.PROC_INST_ID_"
        + " where d.TYPE_ = 'VariableUpdate' and d.TASK_ID_ is null and d.PROC_INST_ID_ is not null and d.TIME_ is not null"
        // Not what the instance started with: a called instance's inputs are not marked initial, but belong to no
        // activity instance yet; the ledger's own rule (first revision, at the start time) besides.
        + " and (d.INITIAL_ is null or d.INITIAL_ = false)"
        + " and not (d.REV_ = 0 and (d.ACT_INST_ID_ is null or (p.START_TIME_ is not null and d.TIME_ <= p.START_TIME_)))"
        + " and d.NAME_ not in (" + quoted(EngineTaps.LOOP_VARIABLES) + ") and d.VAR_TYPE_ in (" + quoted(EngineTaps.KEPT_TYPES) + ")"
        + " order by d.TIME_, d.SEQUENCE_COUNTER_", (ResultSet rs) -> {
          batch.add(change(rs));
          if (batch.size() == 500) {
            copied[0] += flush(jdbc, batch);
          }
        });
    return copied[0] + flush(jdbc, batch);
  }

  private static EngineTaps.VariableChange change(ResultSet rs) throws SQLException {
    String type = rs.getString(6);
    String text = rs.getString(7);
    byte[] bytes = rs.getBytes(10);
    if (bytes != null) {
      text = new String(bytes, StandardCharsets.UTF_8);
    }
    long number = rs.getLong(8);
    Long longValue = rs.wasNull() ? null : number;
    double decimal = rs.getDouble(9);
    Double doubleValue = rs.wasNull() ? null : decimal;
    return new EngineTaps.VariableChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
        new Date(rs.getTimestamp(5).getTime()), type, text, longValue, doubleValue);
  }

  private static int flush(JdbcTemplate jdbc, List<EngineTaps.VariableChange> batch) {
    VariableChangeLog.insert(jdbc, batch);
    int n = batch.size();
    batch.clear();
    return n;
  }

  private static String quoted(java.util.Collection<String> names) {
    return names.stream().sorted().map(n -> "'" + n + "'").collect(java.util.stream.Collectors.joining(", "));
  }

  private static boolean exists(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), name, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }
}

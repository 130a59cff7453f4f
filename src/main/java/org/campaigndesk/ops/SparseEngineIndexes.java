package org.campaigndesk.ops;

import java.util.List;
import org.campaigndesk.kernel.Databases;
import org.campaigndesk.kernel.InstallationLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL, the engine's indexes on columns this application leaves empty (NULL) in nearly every
 * row hold only the rows that have a value. The engine indexes every variable by case instance, case
 * execution, batch, byte array and task, and its history and authorizations by removal time, and a
 * PostgreSQL B-tree holds an entry for every row, NULL or not: of the 11,700 index entries a county's
 * import wrote (242 variables into 11 indexes, 215 historic variables into 12, 243 authorizations
 * into 7, ...) 2,460 were NULLs that no query looks up. Every statement of the engine on these
 * columns compares them ({@code = ?}, {@code <= ?}, {@code in (…)}), which PostgreSQL knows a NULL
 * never satisfies, so it reads the smaller index as before.
 *
 * <p>Each index keeps its name and columns (the engine's upgrade scripts find it) and gains
 * {@code where COLUMN is not null}; one whose definition is not the one expected here (a later
 * engine's) is left as it is. Kept whole: the variables' (task_id_, name_, type_) index, the one way
 * to the process variables of a name ({@code task_id_ is null and name_ = ?}) that the overdue and
 * campaign filters ask for across all tasks. Done at start, in turn with other nodes (in the
 * installation lock's transaction), each index made anew, the old one dropped, the new one renamed,
 * under a savepoint of its own: an index that cannot be changed is logged and left as it was, and the
 * application starts.
 */
@Component
@Order(6)
public class SparseEngineIndexes implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SparseEngineIndexes.class);

  /** An engine index: its name, table and columns as Camunda 7.24 creates them, and the column whose NULLs it drops. */
  public record Sparse(String name, String table, String columns, String emptyColumn) {

    /** The definition PostgreSQL reports for the engine's index (pg_indexes.indexdef, schema left out). */
    String enginesDefinition() {
      return "CREATE INDEX " + name + " ON " + table + " USING btree (" + columns + ")";
    }

    String sparseDefinition(String as) {
      return "create index " + as + " on " + table + " (" + columns + ") where " + emptyColumn + " is not null";
    }
  }

  public static final List<Sparse> INDEXES = List.of(
      new Sparse("act_idx_var_case_exe", "act_ru_variable", "case_execution_id_", "case_execution_id_"),
      new Sparse("act_idx_var_case_inst_id", "act_ru_variable", "case_inst_id_", "case_inst_id_"),
      new Sparse("act_idx_batch_id", "act_ru_variable", "batch_id_", "batch_id_"),
      new Sparse("act_idx_var_bytearray", "act_ru_variable", "bytearray_id_", "bytearray_id_"),
      new Sparse("act_idx_variable_task_id", "act_ru_variable", "task_id_", "task_id_"),
      new Sparse("act_idx_hi_casevar_case_inst", "act_hi_varinst", "case_inst_id_", "case_inst_id_"),
      new Sparse("act_idx_hi_varinst_bytear", "act_hi_varinst", "bytearray_id_", "bytearray_id_"),
      new Sparse("act_idx_hi_varinst_rm_time", "act_hi_varinst", "removal_time_", "removal_time_"),
      new Sparse("act_idx_hi_act_inst_rm_time", "act_hi_actinst", "removal_time_", "removal_time_"),
      new Sparse("act_idx_hi_pro_inst_rm_time", "act_hi_procinst", "removal_time_", "removal_time_"),
      new Sparse("act_idx_hi_task_inst_rm_time", "act_hi_taskinst", "removal_time_", "removal_time_"),
      new Sparse("act_idx_auth_rm_time", "act_ru_authorization", "removal_time_", "removal_time_"),
      new Sparse("act_idx_auth_root_pi", "act_ru_authorization", "root_proc_inst_id_", "root_proc_inst_id_"),
      new Sparse("act_idx_task_case_def_id", "act_ru_task", "case_def_id_", "case_def_id_"),
      new Sparse("act_idx_task_case_exec", "act_ru_task", "case_execution_id_", "case_execution_id_"));

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final InstallationLock installationLock;

  public SparseEngineIndexes(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, InstallationLock installationLock) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.installationLock = installationLock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (Databases.isPostgres(jdbc.getDataSource())) {
      installationLock.inTurn(() -> INDEXES.forEach(this::makeSparse));
    }
  }

  /** Whether the index is sparse now (made so here or before); false where it is missing or not the engine's. */
  public boolean makeSparse(Sparse index) {
    // The definition as PostgreSQL writes it, without its schema (pg_indexes names the table schema.table).
    List<String> found = jdbc.queryForList(
        "select replace(indexdef, ' ' || schemaname || '.', ' ') from pg_indexes where schemaname = current_schema() and indexname = ?",
        String.class, index.name());
    if (found.isEmpty()) {
      LOG.warn("engine index {} not found: left to the engine's schema", index.name());
      return false;
    }
    String definition = found.get(0);
    if (definition.equalsIgnoreCase(index.enginesDefinition() + " WHERE (" + index.emptyColumn() + " IS NOT NULL)")) {
      return true;
    }
    if (!definition.equalsIgnoreCase(index.enginesDefinition())) {
      LOG.warn("engine index {} is not as expected ({}): left as it is", index.name(), definition);
      return false;
    }
    String building = "cd_sparse_" + index.name();
    try {
      transactions.executeWithoutResult(status -> {
        jdbc.execute("drop index if exists " + building);
        jdbc.execute(index.sparseDefinition(building));
        jdbc.execute("drop index " + index.name());
        jdbc.execute("alter index " + building + " rename to " + index.name());
      });
      return true;
    } catch (DataAccessException e) {
      LOG.warn("engine index {} could not be made sparse, left as it was: {}", index.name(), e.getMessage());
      return false;
    }
  }
}

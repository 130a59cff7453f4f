package org.campaigndesk.kernel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobDefinitionEntity;

/**
 * The engine reads a job's definition by id as it creates the job (for its suspension state, key and
 * tenant), one select per definition and command: a county's import starts five processes whose jobs
 * have nine definitions, nine round trips. This reads the definitions of every process's latest
 * version (the ones a new instance uses) in one select into the command's entity cache, where those
 * reads find them; a job of an older version still reads its own. Called inside an engine command.
 */
public final class JobDefinitionsAhead {

  // The columns of the engine's jobDefinitionResultMap (JobDefinition.xml), for the latest version of each key and tenant.
  private static final String LATEST = "select J.ID_, J.REV_, J.PROC_DEF_ID_, J.PROC_DEF_KEY_, J.ACT_ID_, J.JOB_TYPE_,"
      + " J.JOB_CONFIGURATION_, J.JOB_PRIORITY_, J.SUSPENSION_STATE_, J.TENANT_ID_, J.DEPLOYMENT_ID_"
      + " from ACT_RU_JOBDEF J inner join ACT_RE_PROCDEF P on P.ID_ = J.PROC_DEF_ID_"
      + " where P.VERSION_ = (select max(L.VERSION_) from ACT_RE_PROCDEF L where L.KEY_ = P.KEY_"
      + " and (L.TENANT_ID_ = P.TENANT_ID_ or (L.TENANT_ID_ is null and P.TENANT_ID_ is null)))";

  private JobDefinitionsAhead() {}

  /** Puts the latest versions' job definitions into the current command's cache (those it holds already stay). */
  public static void readLatest() {
    CommandContext command = OneEngineCommand.current("job definitions are read ahead");
    DbEntityCache cache = command.getDbEntityManager().getDbEntityCache();
    Connection connection = command.getDbSqlSession().getSqlSession().getConnection();
    try (PreparedStatement statement = connection.prepareStatement(LATEST); ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        JobDefinitionEntity definition = new JobDefinitionEntity();
        definition.setId(rows.getString(1));
        definition.setRevision(rows.getInt(2));
        definition.setProcessDefinitionId(rows.getString(3));
        definition.setProcessDefinitionKey(rows.getString(4));
        definition.setActivityId(rows.getString(5));
        definition.setJobType(rows.getString(6));
        definition.setJobConfiguration(rows.getString(7));
        long priority = rows.getLong(8);
        definition.setJobPriority(rows.wasNull() ? null : priority);
        definition.setSuspensionState(rows.getInt(9));
        definition.setTenantId(rows.getString(10));
        definition.setDeploymentId(rows.getString(11));
        if (cache.getCachedEntity(JobDefinitionEntity.class, definition.getId()) == null) {
          cache.putPersistent(definition);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the latest process versions' job definitions failed", e);
    }
  }
}

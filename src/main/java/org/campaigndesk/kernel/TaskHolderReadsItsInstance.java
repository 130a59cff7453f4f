package org.campaigndesk.kernel;

import java.util.Arrays;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.db.DbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Who is offered a task (candidate group or user, assignee) may read the process instance the
 * task belongs to, and no other: the engine's default grants (the task itself) plus READ on that
 * one instance, made when the engine adds the identity link, in its transaction. This replaces a
 * blanket READ_INSTANCE per process definition, under which every unit read every key task of
 * its county. Tasklist needs the instance read for its columns (variables of the task's
 * instance); what a worker reads over REST is narrowed further by config.EngineRestGuard.
 * The grants stay when the instance ends (Camunda keeps runtime authorizations).
 */
@Component
public class TaskHolderReadsItsInstance extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setResourceAuthorizationProvider(new Provider());
  }

  /**
   * A process instance variable naming the task (its definition key) whose every candidate group was
   * granted READ on the instance before any such task was made ({@link #grantRead}, a campaign's
   * opening for its items): a task of that key skips the engine's lookup of its group's grant. Only
   * instances that granted so carry it; running instances without it keep the lookup.
   */
  public static final String GRANTED_BEFOREHAND = "instanceReadGrantedFor";

  /**
   * Grants each group READ on the instance now, as the first task offered to it there would: for
   * work that then offers several tasks of one instance to one group in jobs running side by side (a
   * campaign's items), where each job would find no grant yet and both would insert one (the second
   * insert fails on the engine's unique key). With the grant there, the tasks' own checks find it.
   */
  public static void grantRead(org.camunda.bpm.engine.AuthorizationService authorizations, String instanceId,
      java.util.Collection<String> groupIds) {
    if (groupIds.isEmpty()) {
      return;
    }
    java.util.Set<String> missing = new java.util.LinkedHashSet<>(groupIds);
    authorizations.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.PROCESS_INSTANCE)
        .resourceId(instanceId).groupIdIn(missing.toArray(String[]::new)).list().stream()
        .filter(grant -> grant.isPermissionGranted(Permissions.READ)).forEach(grant -> missing.remove(grant.getGroupId()));
    for (String groupId : missing) {
      org.camunda.bpm.engine.authorization.Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setResource(Resources.PROCESS_INSTANCE);
      grant.setResourceId(instanceId);
      grant.addPermission(Permissions.READ);
      authorizations.saveAuthorization(grant);
    }
  }

  /** Per process instance, who holds READ on it ("u:" user, "g:" group), read ahead ({@link #readingAhead}). */
  private static final DuringRun<java.util.Map<String, java.util.Set<String>>> READ_AHEAD = new DuringRun<>();

  /**
   * Runs {@code work} (a command's tasks offered in many instances, a month's openings) with the READ grants
   * on {@code instanceIds} read now in one query: a task whose user or group holds one there skips the
   * engine's lookup of its grant (one query per task). One not holding it is looked up as before (and
   * granted). Must run inside an engine command (its connection and transaction).
   */
  public static void readingAhead(java.util.Collection<String> instanceIds, Runnable work) {
    if (instanceIds.isEmpty() || Context.getCommandContext() == null) {
      work.run();
      return;
    }
    java.util.Map<String, java.util.Set<String>> readers = new java.util.HashMap<>();
    String sql = "select RESOURCE_ID_, USER_ID_, GROUP_ID_, PERMS_ from ACT_RU_AUTHORIZATION where TYPE_ = ? and RESOURCE_TYPE_ = ?"
        + " and RESOURCE_ID_ in (" + String.join(", ", java.util.Collections.nCopies(instanceIds.size(), "?")) + ")";
    java.sql.Connection connection = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection();
    try (java.sql.PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setInt(1, Authorization.AUTH_TYPE_GRANT);
      statement.setInt(2, Resources.PROCESS_INSTANCE.resourceType());
      int i = 3;
      for (String id : instanceIds) {
        statement.setString(i++, id);
      }
      try (java.sql.ResultSet rows = statement.executeQuery()) {
        int read = Permissions.READ.getValue();
        while (rows.next()) {
          String user = rows.getString(2);
          String group = rows.getString(3);
          if ((rows.getInt(4) & read) == read && (user != null || group != null)) {
            readers.computeIfAbsent(rows.getString(1), id -> new java.util.HashSet<>()).add(user != null ? "u:" + user : "g:" + group);
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("reading the READ grants on " + instanceIds.size() + " process instances failed", e);
    }
    READ_AHEAD.run(readers, work);
  }

  private static boolean readAhead(String userId, String groupId, String instance) {
    java.util.Map<String, java.util.Set<String>> readers = READ_AHEAD.get();
    java.util.Set<String> ofInstance = readers == null ? null : readers.get(instance);
    return ofInstance != null && ofInstance.contains(userId != null ? "u:" + userId : "g:" + groupId);
  }

  static final class Provider extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
      return withInstanceRead(super.newTaskGroupIdentityLink(task, groupId, type), task, null, groupId);
    }

    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
      return withInstanceRead(super.newTaskUserIdentityLink(task, userId, type), task, userId, null);
    }

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
      return withInstanceRead(super.newTaskAssignee(task, oldAssignee, newAssignee), task, newAssignee, null);
    }

    /**
     * A task or process instance made in this command has no grant in the database yet (its id is
     * new): the engine's lookup of one (a query per candidate group and per instance read, two per
     * key task started) is skipped. Grants made earlier in the same command are in the engine's
     * cache and are still found there (DefaultAuthorizationProvider.updateAuthorizationBasedOnCacheEntries,
     * and {@link #readableInThisTransaction}).
     */
    @Override
    protected AuthorizationEntity getGrantAuthorization(String resourceId, String userId, String groupId, Resource resource) {
      if (newInThisCommand(resourceId, resource)) {
        return null;
      }
      return super.getGrantAuthorization(resourceId, userId, groupId, resource);
    }

    private static boolean newInThisCommand(String resourceId, Resource resource) {
      Class<? extends DbEntity> type = resource.resourceType() == Resources.TASK.resourceType() ? TaskEntity.class
          : resource.resourceType() == Resources.PROCESS_INSTANCE.resourceType() ? ExecutionEntity.class : null;
      if (type == null || resourceId == null) {
        return false;
      }
      CachedDbEntity cached = Context.getCommandContext().getDbEntityManager().getDbEntityCache().getCachedEntity(type, resourceId);
      return cached != null && cached.getEntityState() == DbEntityState.TRANSIENT;
    }

    private AuthorizationEntity[] withInstanceRead(AuthorizationEntity[] granted, Task task, String userId, String groupId) {
      String instance = task.getProcessInstanceId();
      if (instance == null || userId == null && groupId == null || readableInThisTransaction(userId, groupId, instance)
          || readAhead(userId, groupId, instance) || groupId != null && grantedBeforehand(task)) {
        return granted;
      }
      // (resource id, user, group, resource): the engine's order
      AuthorizationEntity grant = getGrantAuthorization(instance, userId, groupId, Resources.PROCESS_INSTANCE);
      if (grant != null && grant.isPermissionGranted(Permissions.READ)) {
        return granted;
      }
      if (grant == null) {
        grant = new AuthorizationEntity(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId(userId);
        grant.setGroupId(groupId);
        grant.setResource(Resources.PROCESS_INSTANCE);
        grant.setResourceId(instance);
      }
      grant.addPermission(Permissions.READ);
      AuthorizationEntity[] all = granted == null ? new AuthorizationEntity[0] : granted;
      all = Arrays.copyOf(all, all.length + 1);
      all[all.length - 1] = grant;
      return all;
    }

    /**
     * The instance granted this task's groups their read when it opened ({@link #GRANTED_BEFOREHAND}).
     * Asked only where the instance's variables are in memory already (a campaign item's job has read
     * the campaign's end and name before it offers the task): asking must cost no query of its own.
     */
    private static boolean grantedBeforehand(Task task) {
      ExecutionEntity execution = task instanceof TaskEntity entity ? entity.getExecution() : null;
      ExecutionEntity instance = execution == null ? null : execution.getProcessInstance();
      return instance != null && task.getTaskDefinitionKey() != null && VariableStores.loaded(instance)
          && task.getTaskDefinitionKey().equals(instance.getVariableLocal(GRANTED_BEFOREHAND));
    }

    /**
     * Two tasks of one instance for one group in the same transaction (a unit's several campaign
     * items): the first one's grant is not in the database yet, only in the engine's cache.
     */
    private static boolean readableInThisTransaction(String userId, String groupId, String instance) {
      return Context.getCommandContext().getDbEntityManager().getCachedEntitiesByType(AuthorizationEntity.class).stream()
          .anyMatch(a -> a.getAuthorizationType() == Authorization.AUTH_TYPE_GRANT
              && a.getResourceType() == Resources.PROCESS_INSTANCE.resourceType() && instance.equals(a.getResourceId())
              && java.util.Objects.equals(userId, a.getUserId()) && java.util.Objects.equals(groupId, a.getGroupId())
              && a.isPermissionGranted(Permissions.READ));
    }
  }
}

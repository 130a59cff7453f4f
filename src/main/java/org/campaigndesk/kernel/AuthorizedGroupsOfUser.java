package org.campaigndesk.kernel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.PermissionCheck;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Which of the caller's groups hold any authorization, asked for those groups only. Before every
 * authorization-checked query the engine narrows the caller's groups to those that hold a grant; it
 * does so by reading every distinct group of ACT_RU_AUTHORIZATION (each unit's group holds read grants
 * on the instances of its tasks: 8,000 groups and 40,000 rows at 129 counties, 35–70 ms a time, up to
 * nine times in one Tasklist filter list). This asks the same question of the caller's few groups,
 * by the engine's index on GROUP_ID_: the same answer (the groups the caller belongs to that hold a
 * grant), in well under a millisecond. In a read-only request ({@link ReadRequestAuthorizations}) the
 * same statement also answers whether a revoke applies to the caller and whether the caller holds
 * READ on every task, which lets a task list drop an authorization join that every task would pass.
 */
@Component
public class AuthorizedGroupsOfUser extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    String table = (configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix())
        + "ACT_RU_AUTHORIZATION";
    EngineSessions.replace(configuration, AuthorizationManager.class, () -> new Manager(table));
  }

  static final class Manager extends AuthorizationManager {

    private final String table;
    /** One command asks for the same caller's groups many times: the last answer is kept for the command. */
    private List<String> lastAsked;
    private List<String> lastAnswer;

    Manager(String table) {
      this.table = table;
    }

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      if (authenticatedGroupIds.equals(lastAsked)) {
        return new ArrayList<>(lastAnswer);
      }
      ReadRequestAuthorizations request = ReadRequestAuthorizations.current();
      if (request != null) {
        lastAnswer = request.answer(Arrays.asList("groups holding a grant", new ArrayList<>(authenticatedGroupIds)),
            () -> narrowInRequest(authenticatedGroupIds, request));
        lastAsked = new ArrayList<>(authenticatedGroupIds);
        return new ArrayList<>(lastAnswer);
      }
      lastAnswer = narrow(authenticatedGroupIds);
      lastAsked = new ArrayList<>(authenticatedGroupIds);
      return new ArrayList<>(lastAnswer);
    }

    /**
     * Whether any revoke applies to the caller ({@code authorizationCheckRevokes=auto} asks the database
     * once per command): once per read-only request.
     */
    @Override
    protected boolean isRevokeAuthCheckEnabled(String userId, List<String> groupIds) {
      ReadRequestAuthorizations request = ReadRequestAuthorizations.current();
      if (request == null || isRevokeAuthCheckUsed != null) {
        return super.isRevokeAuthCheckEnabled(userId, groupIds);
      }
      isRevokeAuthCheckUsed = request.answer(revokesQuestion(userId, groupIds),
          () -> super.isRevokeAuthCheckEnabled(userId, groupIds));
      return isRevokeAuthCheckUsed;
    }

    /**
     * One permission on one resource (a filter, a task, a process instance): once per read-only request,
     * e.g. READ on the filter that the REST layer, the page and the count each read.
     */
    @Override
    public boolean isAuthorized(String userId, List<String> groupIds, PermissionCheck check) {
      ReadRequestAuthorizations request = ReadRequestAuthorizations.current();
      if (request == null || !isAuthorizationEnabled() || check.getPermission() == null || check.getResource() == null) {
        return super.isAuthorized(userId, groupIds, check);
      }
      return request.answer(Arrays.asList("authorized", userId, groupIds == null ? null : new ArrayList<>(groupIds),
          check.getPermission().getValue(), check.getResource().resourceType(), check.getResourceId()),
          () -> super.isAuthorized(userId, groupIds, check));
    }

    /**
     * In a read-only request the engine asks next whether any revoke applies to the caller
     * ({@code authorizationCheckRevokes=auto}, the default): for the caller's own groups, one statement
     * answers both. A revoke held by a group is a row of that group, so "a revoke row of the caller,
     * of '*' or of one of the caller's groups" is the engine's question ({@code selectRevokeAuthorization},
     * asked of the groups that hold a row).
     */
    private List<String> narrowInRequest(List<String> authenticatedGroupIds, ReadRequestAuthorizations request) {
      CommandContext command = Context.getCommandContext();
      Authentication caller = command == null ? null : command.getAuthentication();
      String mode = Context.getProcessEngineConfiguration().getAuthorizationCheckRevokes();
      List<String> asked = authenticatedGroupIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
      if (caller == null || caller.getUserId() == null || !authenticatedGroupIds.equals(caller.getGroupIds())
          || asked.isEmpty() || asked.size() > InChunks.SIZE
          || !(mode == null || ProcessEngineConfiguration.AUTHORIZATION_CHECK_REVOKE_AUTO.equalsIgnoreCase(mode))) {
        return narrow(authenticatedGroupIds);
      }
      String in = "(" + String.join(",", Collections.nCopies(asked.size(), "?")) + ")";
      String type = Context.getProcessEngineConfiguration().getDatabaseType();
      String readBit = DbSqlSessionFactory.databaseSpecificBitAnd1.get(type) + "PERMS_"
          + DbSqlSessionFactory.databaseSpecificBitAnd2.get(type) + Permissions.READ.getValue()
          + DbSqlSessionFactory.databaseSpecificBitAnd3.get(type) + " = " + Permissions.READ.getValue();
      // 0: a group holding a row; 1: a revoke of the caller, of everyone or of a group; 2: a grant of READ on
      // every task to the caller, everyone or a group (the '*' row a task list's authorization join would
      // meet for every task).
      String sql = "select distinct GROUP_ID_, 0 from " + table + " where GROUP_ID_ in " + in
          + " union all select null, 1 from " + table + " where ID_ = (select min(ID_) from " + table
          + " where TYPE_ = " + Authorization.AUTH_TYPE_REVOKE
          + " and (USER_ID_ in (?, '*') or GROUP_ID_ in " + in + "))"
          + " union all select null, 2 from " + table + " where ID_ = (select min(ID_) from " + table
          + " where TYPE_ < " + Authorization.AUTH_TYPE_REVOKE + " and RESOURCE_TYPE_ = " + Resources.TASK.resourceType()
          + " and RESOURCE_ID_ = '*' and " + readBit + " and (USER_ID_ in (?, '*') or GROUP_ID_ in " + in + "))";
      Set<String> holding = new HashSet<>();
      boolean revokes = false;
      boolean everyTask = false;
      Connection connection = getDbSqlSession().getSqlSession().getConnection();
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        int parameter = 1;
        for (String group : asked) {
          statement.setString(parameter++, group);
        }
        for (int branch = 0; branch < 2; branch++) {
          statement.setString(parameter++, caller.getUserId());
          for (String group : asked) {
            statement.setString(parameter++, group);
          }
        }
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            int kind = rows.getInt(2);
            if (kind == 1) {
              revokes = true;
            } else if (kind == 2) {
              everyTask = true;
            } else {
              holding.add(rows.getString(1));
            }
          }
        }
      } catch (SQLException e) {
        throw new ProcessEngineException("could not read which groups hold authorizations", e);
      }
      request.remember(revokesQuestion(caller.getUserId(), authenticatedGroupIds), revokes);
      request.remember(everyTaskQuestion(caller.getUserId(), authenticatedGroupIds), everyTask);
      return asked.stream().filter(holding::contains).toList();
    }

    static List<Object> everyTaskQuestion(String userId, List<String> groupIds) {
      return Arrays.asList("reads every task", userId, groupIds == null ? null : new ArrayList<>(groupIds));
    }

    /**
     * A task list of a caller who holds READ on every task ('*'), with no revoke in play for the caller:
     * its authorization join would meet that grant for every task, so the list is the same without it.
     * The join is the costly part of such a list (the administrator's 全部待办: PostgreSQL can only
     * nest-loop RESOURCE_ID_ IN (task, definition key, '*') over every task and every grant of the
     * caller). Only where the request already knows both answers (asked with the caller's groups, in
     * the same statement), so no statement is added.
     */
    @Override
    public void configureTaskQuery(TaskQueryImpl query) {
      super.configureTaskQuery(query);
      AuthorizationCheck check = query.getAuthCheck();
      ReadRequestAuthorizations request = ReadRequestAuthorizations.current();
      Authentication caller = getCurrentAuthentication();
      if (request == null || caller == null || caller.getUserId() == null || !check.isAuthorizationCheckEnabled()
          || check.isRevokeAuthorizationCheckEnabled()) {
        return;
      }
      Boolean everyTask = request.known(everyTaskQuestion(caller.getUserId(), caller.getGroupIds()));
      Boolean revokes = request.known(revokesQuestion(caller.getUserId(), caller.getGroupIds()));
      if (Boolean.TRUE.equals(everyTask) && Boolean.FALSE.equals(revokes)) {
        check.setAuthorizationCheckEnabled(false);
      }
    }

    static List<Object> revokesQuestion(String userId, List<String> groupIds) {
      return Arrays.asList("revokes apply", userId, groupIds == null ? null : new ArrayList<>(groupIds));
    }

    private List<String> narrow(List<String> authenticatedGroupIds) {
      List<String> asked = authenticatedGroupIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
      Set<String> holding = new HashSet<>();
      Connection connection = getDbSqlSession().getSqlSession().getConnection();
      for (List<String> chunk : InChunks.of(asked)) {
        String sql = "select distinct GROUP_ID_ from " + table + " where GROUP_ID_ in ("
            + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          for (int i = 0; i < chunk.size(); i++) {
            statement.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              holding.add(rows.getString(1));
            }
          }
        } catch (SQLException e) {
          throw new ProcessEngineException("could not read which groups hold authorizations", e);
        }
      }
      return asked.stream().filter(holding::contains).toList();
    }
  }
}

package org.campaigndesk.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanError;
import org.springframework.stereotype.Component;

/**
 * Mirrors a plan's people into Camunda's identity store: each unit a group with a contact user of
 * the same id, each leader a user; and grants what each group may do. Authorization is enabled,
 * so these grants are what keeps one unit's tasks away from another unit.
 */
@Component
public class IdentitySync {

  public static final String COORDINATORS = "coordinators";
  public static final String LEADERS = "leaders";
  /** The inspection team (督查组), which records the monthly problem lists and verifies rectifications. */
  public static final String INSPECTION_TEAM = "inspection-team";
  public static final String UNIT_GROUP_TYPE = "unit";
  static final String ALL_USERS = Authorization.ANY;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  public IdentitySync(IdentityService identityService, AuthorizationService authorizationService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  /** The coordinators' group with every permission on everything: Cockpit, Tasklist and Admin. */
  public void ensureCoordinators() {
    ensureGroup(COORDINATORS, "扶贫开发领导小组办公室（协调人）", "WORKFLOW");
    // Camunda's web apps offer an open "create the first administrator" page for as long as no user
    // belongs to camunda-admin: the group must exist, hold every permission and have a member.
    ensureGroup(Groups.CAMUNDA_ADMIN, "Camunda 管理员", Groups.GROUP_TYPE_SYSTEM);
    for (Resource resource : Resources.values()) {
      grant(COORDINATORS, resource, ALL_USERS, Permissions.ALL);
      grant(Groups.CAMUNDA_ADMIN, resource, ALL_USERS, Permissions.ALL);
    }
    ensureGroup(LEADERS, "牵头责任领导", "WORKFLOW");
    grantWorkerAccess(LEADERS);
  }

  /** The discipline commission's group (县纪委监委), which gets the interview tasks. */
  public void ensureInterviewGroup(String groupId) {
    ensureGroup(groupId, "县纪委监委（约谈问责）", "WORKFLOW");
    grantWorkerAccess(groupId);
  }

  public void ensureInspectionTeam() {
    ensureGroup(INSPECTION_TEAM, "督查组", "WORKFLOW");
    grantWorkerAccess(INSPECTION_TEAM);
    grant(INSPECTION_TEAM, Resources.PROCESS_DEFINITION, "rectification", Permissions.READ_INSTANCE);
    grant(INSPECTION_TEAM, Resources.PROCESS_DEFINITION, "inspection", Permissions.READ_INSTANCE);
  }

  /**
   * Tasklist, plus reading the process models (the task's diagram tab) and the key tasks' instance
   * data (the plan is public within the county; Tasklist's columns and forms need it). Tasks
   * themselves stay visible only to their candidate group: the engine grants those per task.
   */
  private void grantWorkerAccess(String groupId) {
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, ALL_USERS, Permissions.READ);
    grant(groupId, Resources.PROCESS_DEFINITION, "key-task", Permissions.READ_INSTANCE);
    grant(groupId, Resources.PROCESS_DEFINITION, "deadline-watch", Permissions.READ_INSTANCE);
    grant(groupId, Resources.PROCESS_DEFINITION, "campaign", Permissions.READ_INSTANCE);
    grant(groupId, Resources.PROCESS_DEFINITION, "rectification", Permissions.READ_INSTANCE);
  }

  public void ensureUser(String id, String firstName, String lastName, String email, String initialPassword) {
    User user = identityService.createUserQuery().userId(id).singleResult();
    boolean isNew = user == null;
    if (isNew) {
      user = identityService.newUser(id);
      // Without a known password an administrator sets one in Admin; a user with no password at all
      // would make Camunda's password check fail with an error instead of refusing the login.
      user.setPassword(initialPassword != null && !initialPassword.isBlank() ? initialPassword : unguessablePassword());
    }
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(email);
    identityService.saveUser(user);
  }

  public void ensureMembership(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  /**
   * Ids are shared by every plan in the installation: an id already used for a different unit or
   * person is an error, reported with the plan's own path, before anything is written.
   */
  public List<PlanError> conflicts(Plan plan) {
    List<PlanError> errors = new ArrayList<>();
    for (int i = 0; i < plan.units().size(); i++) {
      Plan.Unit unit = plan.units().get(i);
      Group group = identityService.createGroupQuery().groupId(unit.id()).singleResult();
      if (group != null && (!UNIT_GROUP_TYPE.equals(group.getType()) || !unit.name().equals(group.getName()))) {
        errors.add(new PlanError("units[" + i + "].id", "'" + unit.id() + "' is already the group of '"
            + group.getName() + "'; choose another id"));
      }
      if (group == null && identityService.createUserQuery().userId(unit.id()).count() > 0) {
        errors.add(new PlanError("units[" + i + "].id", "'" + unit.id() + "' is already a user; choose another id"));
      }
    }
    for (int i = 0; i < plan.leaders().size(); i++) {
      Plan.Leader leader = plan.leaders().get(i);
      User user = identityService.createUserQuery().userId(leader.id()).singleResult();
      boolean isLeader = identityService.createUserQuery().userId(leader.id()).memberOfGroup(LEADERS).count() > 0;
      if (user != null && (!isLeader || !leader.name().equals(user.getFirstName()))) {
        errors.add(new PlanError("leaders[" + i + "].id", "'" + leader.id() + "' is already the user '"
            + user.getFirstName() + " " + user.getLastName() + "'; choose another id"));
      }
    }
    return errors;
  }

  public void sync(Plan plan, String initialPassword) {
    ensureCoordinators();
    for (Plan.Unit unit : plan.units()) {
      ensureGroup(unit.id(), unit.name(), UNIT_GROUP_TYPE);
      ensureUser(unit.id(), unit.name(), "联络员", unit.email(), initialPassword);
      ensureMembership(unit.id(), unit.id());
      grantWorkerAccess(unit.id());
    }
    for (Plan.Leader leader : plan.leaders()) {
      ensureUser(leader.id(), leader.name(), leader.title() == null ? "" : leader.title(), leader.email(), initialPassword);
      ensureMembership(leader.id(), LEADERS);
    }
  }

  private static String unguessablePassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private void ensureGroup(String id, String name, String type) {
    Group group = identityService.createGroupQuery().groupId(id).singleResult();
    if (group == null) {
      group = identityService.newGroup(id);
    }
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
  }

  /** Grants a permission to a group once; an existing grant is extended, never duplicated. */
  public void grant(String groupId, Resource resource, String resourceId, Permission permission) {
    Authorization existing = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .singleResult();
    Authorization authorization = existing;
    if (authorization == null) {
      authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    } else if (authorization.isPermissionGranted(permission)) {
      return;
    }
    authorization.addPermission(permission);
    authorizationService.saveAuthorization(authorization);
  }

  /** Grants a permission to every user, e.g. reading a Tasklist filter. */
  public void grantToAllUsers(Resource resource, String resourceId, Permission permission) {
    Authorization existing = authorizationService.createAuthorizationQuery()
        .userIdIn(ALL_USERS)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
    if (existing != null && existing.isPermissionGranted(permission)) {
      return;
    }
    Authorization authorization = existing != null ? existing
        : authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    authorization.addPermission(permission);
    authorizationService.saveAuthorization(authorization);
  }
}

package org.campaigndesk.identity;

import org.campaigndesk.kernel.InChunks;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.User;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanError;
import org.springframework.stereotype.Component;

/**
 * Mirrors a plan's people into Camunda's identity store: each unit a group with a contact user of
 * the same id, each leader a user; and grants what each group may do. Authorization is enabled,
 * so these grants are what keeps one unit's tasks away from another unit.
 *
 * <p>Every county (region) is a Camunda tenant. Its units' groups, their contacts, its leaders and
 * its coordinators are members of that tenant, and Camunda's tenant check then keeps every other
 * county's instances, tasks, history and jobs out of their sight. The roles (coordinators,
 * discipline commission, inspection team, leaders) are installation-wide groups that grant what a
 * role may do; the tenant decides where.
 */
@Component
public class IdentitySync {

  public static final String COORDINATORS = "coordinators";
  public static final String LEADERS = "leaders";
  /** Every unit's contact: Tasklist and the worker grants, shared instead of granted per unit. */
  public static final String UNITS = "units";
  /** The inspection team (督查组), which records the monthly problem lists and verifies rectifications. */
  public static final String INSPECTION_TEAM = "inspection-team";
  /** Province-level readers: every county, read only. */
  public static final String PROVINCE = "province";
  public static final String UNIT_GROUP_TYPE = "unit";
  /** The last name of a unit's contact user when the plan names no responsible person. */
  public static final String CONTACT = "联络员";
  static final String ALL_USERS = Authorization.ANY;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * What a county's coordinators may do: run and watch the work. Identity, tenants, authorizations,
   * deployments and the system stay with the installation's administrator (camunda-admin), so a
   * coordinator can neither join another county nor change who may see what.
   */
  private static final Map<Resource, Permission[]> COORDINATOR_GRANTS = new java.util.LinkedHashMap<>();
  static {
    COORDINATOR_GRANTS.put(Resources.PROCESS_DEFINITION, new Permission[] {Permissions.ALL});
    COORDINATOR_GRANTS.put(Resources.PROCESS_INSTANCE, new Permission[] {Permissions.ALL});
    COORDINATOR_GRANTS.put(Resources.TASK, new Permission[] {Permissions.ALL});
    COORDINATOR_GRANTS.put(Resources.HISTORIC_TASK, new Permission[] {Permissions.ALL});
    COORDINATOR_GRANTS.put(Resources.HISTORIC_PROCESS_INSTANCE, new Permission[] {Permissions.ALL});
    COORDINATOR_GRANTS.put(Resources.BATCH, new Permission[] {Permissions.ALL});
    COORDINATOR_GRANTS.put(Resources.FILTER, new Permission[] {Permissions.CREATE});
    COORDINATOR_GRANTS.put(Resources.DEPLOYMENT, new Permission[] {Permissions.READ});
    COORDINATOR_GRANTS.put(Resources.DECISION_DEFINITION, new Permission[] {Permissions.READ, Permissions.READ_HISTORY});
    COORDINATOR_GRANTS.put(Resources.DECISION_REQUIREMENTS_DEFINITION, new Permission[] {Permissions.READ});
    COORDINATOR_GRANTS.put(Resources.USER, new Permission[] {Permissions.READ});
    COORDINATOR_GRANTS.put(Resources.GROUP, new Permission[] {Permissions.READ});
    COORDINATOR_GRANTS.put(Resources.REPORT, new Permission[] {Permissions.READ});
    COORDINATOR_GRANTS.put(Resources.DASHBOARD, new Permission[] {Permissions.READ});
  }

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;
  private final TaskService taskService;
  private final org.camunda.bpm.engine.ProcessEngine engine;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;

  public IdentitySync(org.camunda.bpm.engine.ProcessEngine engine, org.springframework.jdbc.core.JdbcTemplate jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.identityService = engine.getIdentityService();
    this.authorizationService = engine.getAuthorizationService();
    this.taskService = engine.getTaskService();
  }

  /** The installation's groups: the roles, camunda-admin with every permission, and the province readers. */
  public void ensureCoordinators() {
    ensureGroup(COORDINATORS, "扶贫开发领导小组办公室（协调人）", "WORKFLOW");
    // Camunda's web apps offer an open "create the first administrator" page for as long as no user
    // belongs to camunda-admin: the group must exist, hold every permission and have a member.
    ensureGroup(Groups.CAMUNDA_ADMIN, "Camunda 管理员", Groups.GROUP_TYPE_SYSTEM);
    for (Resource resource : Resources.values()) {
      grant(Groups.CAMUNDA_ADMIN, resource, ALL_USERS, Permissions.ALL);
      Permission[] coordinatorGrant = COORDINATOR_GRANTS.get(resource);
      if (coordinatorGrant == null) {
        revoke(COORDINATORS, resource, ALL_USERS);
      } else {
        grantExactly(COORDINATORS, resource, ALL_USERS, coordinatorGrant);
      }
    }
    grant(COORDINATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(COORDINATORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    ensureGroup(LEADERS, "牵头责任领导", "WORKFLOW");
    grantWorkerAccess(LEADERS);
    ensureGroup(UNITS, "责任单位联络员", "WORKFLOW");
    grantWorkerAccess(UNITS);
    ensureProvince();
  }

  /**
   * Province users read every county in Cockpit and Tasklist and act on none: read grants only, and
   * the province group is a member of every county's tenant.
   */
  private void ensureProvince() {
    ensureGroup(PROVINCE, "省级（只读）", "WORKFLOW");
    grant(PROVINCE, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(PROVINCE, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grantExactly(PROVINCE, Resources.PROCESS_DEFINITION, ALL_USERS, Permissions.READ, Permissions.READ_INSTANCE,
        Permissions.READ_HISTORY, Permissions.READ_TASK);
    grantExactly(PROVINCE, Resources.PROCESS_INSTANCE, ALL_USERS, Permissions.READ);
    grantExactly(PROVINCE, Resources.TASK, ALL_USERS, Permissions.READ);
    grantExactly(PROVINCE, Resources.HISTORIC_TASK, ALL_USERS, HistoricTaskPermissions.READ);
    grantExactly(PROVINCE, Resources.HISTORIC_PROCESS_INSTANCE, ALL_USERS, HistoricProcessInstancePermissions.READ);
    grantExactly(PROVINCE, Resources.DEPLOYMENT, ALL_USERS, Permissions.READ);
    for (Tenant tenant : identityService.createTenantQuery().list()) {
      ensureTenantGroupMembership(tenant.getId(), PROVINCE);
    }
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
   * Tasklist and reading the process models (the task's diagram tab). Tasks stay visible only to
   * their candidate group or user, and so do their instances: the engine grants both per task
   * (kernel.TaskHolderReadsItsInstance), so a unit reads the key tasks and campaigns it takes part
   * in, not every one of its county.
   */
  private void grantWorkerAccess(String groupId) {
    grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, ALL_USERS, Permissions.READ);
    for (String key : FORMER_BLANKET_READS) {
      if (!(INSPECTION_TEAM.equals(groupId) && "rectification".equals(key))) {
        takeBackInstanceReads(groupId, key);
      }
    }
  }

  /** Process definitions whose every instance earlier versions let every worker read. */
  static final List<String> FORMER_BLANKET_READS = List.of("key-task", "deadline-watch", "campaign", "rectification");

  /**
   * Takes back a blanket READ_INSTANCE of an earlier version; the open tasks' holders then get
   * their instances one by one, as new tasks' holders do, so Tasklist keeps its columns.
   */
  private void takeBackInstanceReads(String groupId, String processDefinitionKey) {
    Authorization blanket = findGrant(groupId, Resources.PROCESS_DEFINITION, processDefinitionKey);
    if (blanket == null || !blanket.isPermissionGranted(Permissions.READ_INSTANCE)) {
      return;
    }
    blanket.removePermission(Permissions.READ_INSTANCE);
    authorizationService.saveAuthorization(blanket);
    if (!openTaskHoldersGranted) {
      openTaskHoldersGranted = true;
      for (org.camunda.bpm.engine.task.Task task : taskService.createTaskQuery().list()) {
        if (task.getProcessInstanceId() == null) {
          continue;
        }
        for (org.camunda.bpm.engine.task.IdentityLink link : taskService.getIdentityLinksForTask(task.getId())) {
          if (link.getGroupId() != null) {
            grant(link.getGroupId(), Resources.PROCESS_INSTANCE, task.getProcessInstanceId(), Permissions.READ);
          }
        }
      }
    }
  }

  private boolean openTaskHoldersGranted;

  public void ensureUser(String id, String firstName, String lastName, String email, String initialPassword) {
    saveUserIfChanged(identityService.createUserQuery().userId(id).singleResult(), id, firstName, lastName, email, initialPassword);
  }

  public void ensureMembership(String userId, String groupId) {
    if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
      identityService.createMembership(userId, groupId);
    }
  }

  /** A county: its tenant, which the province readers belong to. */
  public void ensureRegion(Plan.Region region) {
    Tenant tenant = identityService.createTenantQuery().tenantId(region.id()).singleResult();
    writeRegion(region, tenant, tenant != null && identityService.createTenantQuery().tenantId(region.id()).groupMember(PROVINCE).count() > 0);
  }

  /** The county's tenant created or renamed, and the province's members made its members, unless they are ({@code provinceIsMember}). */
  private void writeRegion(Plan.Region region, Tenant tenant, boolean provinceIsMember) {
    if (tenant == null) {
      tenant = identityService.newTenant(region.id());
      tenant.setName(region.name());
      identityService.saveTenant(tenant);
    } else if (!region.name().equals(tenant.getName()) && !region.id().equals(region.name())) {
      tenant.setName(region.name());
      identityService.saveTenant(tenant);
    }
    if (!provinceIsMember) {
      identityService.createTenantGroupMembership(region.id(), PROVINCE);
    }
  }

  /** Makes a user a member of a county, e.g. its coordinator or a member of its discipline commission. */
  public void ensureTenantMembership(String regionId, String userId) {
    if (identityService.createTenantQuery().tenantId(regionId).userMember(userId).count() == 0) {
      identityService.createTenantUserMembership(regionId, userId);
    }
  }

  private void ensureTenantGroupMembership(String regionId, String groupId) {
    if (identityService.createTenantQuery().tenantId(regionId).groupMember(groupId).count() == 0) {
      identityService.createTenantGroupMembership(regionId, groupId);
    }
  }

  public boolean regionExists(String regionId) {
    return identityService.createTenantQuery().tenantId(regionId).count() > 0;
  }

  public boolean isMember(String userId, String groupId) {
    return identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() > 0;
  }

  /** Whether a Camunda user or group of this id exists: such an id cannot name a new county's unit or leader. */
  public boolean isHeld(String id) {
    return identityService.createGroupQuery().groupId(id).count() > 0 || identityService.createUserQuery().userId(id).count() > 0;
  }

  /**
   * Ids that cannot be used: a unit id that is a group of another kind or a user of its own, a
   * leader id that is a user but no leader. Reported with the plan's own paths, before anything is
   * written. {@code known}: what {@link #known} read of the plan's people.
   */
  public List<PlanError> conflicts(Plan plan, Known known) {
    List<PlanError> errors = new ArrayList<>();
    for (int i = 0; i < plan.units().size(); i++) {
      Plan.Unit unit = plan.units().get(i);
      Group group = known.groups().get(unit.id());
      if (group != null && !UNIT_GROUP_TYPE.equals(group.getType())) {
        errors.add(new PlanError("units[" + i + "].id", "'" + unit.id() + "' is already the group of '"
            + group.getName() + "'; choose another id"));
      }
      if (group == null && known.users().containsKey(unit.id())) {
        errors.add(new PlanError("units[" + i + "].id", "'" + unit.id() + "' is already a user; choose another id"));
      }
    }
    for (int i = 0; i < plan.leaders().size(); i++) {
      Plan.Leader leader = plan.leaders().get(i);
      User user = known.users().get(leader.id());
      if (user != null && !known.leaders().contains(leader.id())) {
        errors.add(new PlanError("leaders[" + i + "].id", "'" + leader.id() + "' is already the user '"
            + user.getFirstName() + " " + user.getLastName() + "'; choose another id"));
      }
    }
    return errors;
  }

  /**
   * What the identity store holds of a plan's people and of its county: their groups and users,
   * the memberships of those users, the county's tenant and its members. Read once per import or
   * revision ({@link #known}), before anything is written, and handed to {@link #conflicts},
   * {@link #changes} and {@link #sync}: each used to read it again, and the sync asked once per unit
   * and membership whether it existed.
   */
  public record Known(Map<String, Group> groups, Map<String, User> users, java.util.Set<String> leaders, Tenant tenant,
      java.util.Set<String> memberships, java.util.Set<String> tenantGroups, java.util.Set<String> tenantUsers) {

    boolean isMember(String userId, String groupId) {
      return memberships.contains(userId + "\u0000" + groupId);
    }
  }

  /** {@link Known} of {@code plan} (with its installation ids and region), read in a few queries. */
  public Known known(Plan plan) {
    return known(plan, null);
  }

  /**
   * As {@link #known(Plan)}; the groups and users {@code held} read already (the ids an import may
   * give, {@link #heldAmong}) are not read again.
   */
  public Known known(Plan plan, Held held) {
    List<String> unitIds = plan.units().stream().map(Plan.Unit::id).distinct().toList();
    List<String> userIds = java.util.stream.Stream.concat(unitIds.stream(), plan.leaders().stream().map(Plan.Leader::id))
        .distinct().toList();
    Map<String, Group> groups = new java.util.HashMap<>();
    Map<String, User> users = new java.util.HashMap<>();
    List<String> groupsToRead = takeHeld(unitIds, held, held == null ? null : held.groups(), groups);
    List<String> usersToRead = takeHeld(userIds, held, held == null ? null : held.users(), users);
    InChunks.forEach(groupsToRead, chunk -> identityService.createGroupQuery().groupIdIn(chunk).list().forEach(g -> groups.put(g.getId(), g)));
    InChunks.forEach(usersToRead, chunk -> identityService.createUserQuery().userIdIn(chunk).list().forEach(u -> users.put(u.getId(), u)));
    // Only users that exist can be members of anything. The engine's queries ask for one group's members
    // at a time; its tables (the identity store is the engine's database) give every membership in one.
    java.util.Set<String> memberships = new java.util.HashSet<>();
    InChunks.forEach(new ArrayList<>(users.keySet()), chunk -> jdbc.query(
        "select USER_ID_, GROUP_ID_ from ACT_ID_MEMBERSHIP where USER_ID_ in (" + String.join(", ", java.util.Collections.nCopies(chunk.length, "?")) + ")",
        rs -> {
          memberships.add(rs.getString(1) + "\u0000" + rs.getString(2));
        }, (Object[]) chunk));
    java.util.Set<String> leaders = new java.util.HashSet<>();
    plan.leaders().stream().map(Plan.Leader::id).filter(id -> memberships.contains(id + "\u0000" + LEADERS)).forEach(leaders::add);
    Tenant tenant = identityService.createTenantQuery().tenantId(plan.regionId()).singleResult();
    java.util.Set<String> tenantGroups = new java.util.HashSet<>();
    java.util.Set<String> tenantUsers = new java.util.HashSet<>();
    if (tenant != null) {
      jdbc.query("select USER_ID_, GROUP_ID_ from ACT_ID_TENANT_MEMBER where TENANT_ID_ = ?", rs -> {
        if (rs.getString(1) != null) {
          tenantUsers.add(rs.getString(1));
        }
        if (rs.getString(2) != null) {
          tenantGroups.add(rs.getString(2));
        }
      }, tenant.getId());
    }
    return new Known(groups, users, leaders, tenant, memberships, tenantGroups, tenantUsers);
  }

  /** Of {@code ids}, those {@code held} asked about go into {@code into} (if held); the others are returned, to be read. */
  private static <T> List<String> takeHeld(List<String> ids, Held held, Map<String, T> heldValues, Map<String, T> into) {
    List<String> toRead = new ArrayList<>();
    for (String id : ids) {
      if (held == null || !held.asked(id)) {
        toRead.add(id);
      } else if (heldValues.containsKey(id)) {
        into.put(id, heldValues.get(id));
      }
    }
    return toRead;
  }

  /**
   * The groups and users of a set of ids, read in two queries: whether one is held answers whether
   * an import may give that id ({@link #test}); for an id not asked, {@link #isHeld}'s answer.
   */
  public final class Held implements java.util.function.Predicate<String> {
    private final java.util.Set<String> asked;
    private final Map<String, Group> groups;
    private final Map<String, User> users;

    Held(java.util.Set<String> asked, Map<String, Group> groups, Map<String, User> users) {
      this.asked = asked;
      this.groups = groups;
      this.users = users;
    }

    boolean asked(String id) {
      return asked.contains(id);
    }

    Map<String, Group> groups() {
      return groups;
    }

    Map<String, User> users() {
      return users;
    }

    @Override
    public boolean test(String id) {
      return asked.contains(id) ? groups.containsKey(id) || users.containsKey(id) : isHeld(id);
    }
  }

  /** Whether a group or user holds each of {@code ids}, read in two queries ({@link Held}). */
  public Held heldAmong(java.util.Collection<String> ids) {
    List<String> asked = ids.stream().distinct().toList();
    Map<String, Group> groups = new java.util.HashMap<>();
    Map<String, User> users = new java.util.HashMap<>();
    InChunks.forEach(asked, chunk -> {
      identityService.createGroupQuery().groupIdIn(chunk).list().forEach(g -> groups.put(g.getId(), g));
      identityService.createUserQuery().userIdIn(chunk).list().forEach(u -> users.put(u.getId(), u));
    });
    return new Held(new java.util.HashSet<>(asked), groups, users);
  }

  /**
   * Units and leaders the county knows already (same installation id) whose attributes this plan
   * changes: name, mail address, responsible person (a unit's), title (a leader's). Each change is
   * one entry naming the fields and their old and new values. A unit's kind is not kept in the
   * identity store (it only resolves the plan's group tokens), so a new kind changes nothing stored.
   */
  public List<PlanError> changes(Plan plan, Known known) {
    List<PlanError> changes = new ArrayList<>();
    for (int i = 0; i < plan.units().size(); i++) {
      Plan.Unit unit = plan.units().get(i);
      Group group = known.groups().get(unit.id());
      User user = known.users().get(unit.id());
      if (group == null || !UNIT_GROUP_TYPE.equals(group.getType()) || user == null) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      differs(fields, "name", group.getName(), unit.name());
      differs(fields, "email", user.getEmail(), unit.email());
      differs(fields, "responsiblePerson", user.getLastName(), contactLastName(unit));
      if (!fields.isEmpty()) {
        changes.add(new PlanError("units[" + i + "]", "unit '" + unit.id() + "' is known with other values: " + String.join("; ", fields)));
      }
    }
    for (int i = 0; i < plan.leaders().size(); i++) {
      Plan.Leader leader = plan.leaders().get(i);
      User user = known.users().get(leader.id());
      if (user == null || !known.leaders().contains(leader.id())) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      differs(fields, "name", user.getFirstName(), leader.name());
      differs(fields, "title", user.getLastName(), leader.title() == null ? "" : leader.title());
      differs(fields, "email", user.getEmail(), leader.email());
      if (!fields.isEmpty()) {
        changes.add(new PlanError("leaders[" + i + "]", "leader '" + leader.id() + "' is known with other values: " + String.join("; ", fields)));
      }
    }
    return changes;
  }

  private static void differs(List<String> fields, String field, String before, String after) {
    String b = before == null ? "" : before;
    String a = after == null ? "" : after;
    if (!a.equals(b)) {
      fields.add(field + " '" + b + "' → '" + a + "'");
    }
  }

  /** The last name of a unit's contact user: its responsible person (name and title), else 联络员. */
  private static String contactLastName(Plan.Unit unit) {
    Plan.ResponsiblePerson person = unit.responsiblePerson();
    return person == null ? CONTACT : person.name() + (person.title() == null ? "" : person.title());
  }

  /** As {@link #sync(Plan, Known, String)}, reading first what is known of the plan's people. */
  public void sync(Plan plan, String initialPassword) {
    sync(plan, known(plan), initialPassword);
  }

  /**
   * {@code plan} carries installation ids already (see PlanPrincipals) and its region; {@code known}
   * is what the identity store held of its people and county before ({@link #known}). What is
   * missing or changed is written in one engine command (one flush, batched): a new county's 59 units
   * and 12 leaders are some 500 rows; a known county's unchanged people write nothing.
   */
  public void sync(Plan plan, Known known, String initialPassword) {
    sync(plan, known, initialPassword, null);
  }

  /**
   * As {@link #sync(Plan, Known, String)}, and {@code coordinator} (a coordinator's user id, or null)
   * made a member of the county in the same command: the importing coordinator coordinates it.
   */
  public void sync(Plan plan, Known known, String initialPassword, String coordinator) {
    String regionId = plan.regionId();
    Map<String, Group> groups = known.groups();
    Map<String, User> users = known.users();
    // Memberships and tenant memberships written here, so that a plan naming someone twice writes each once.
    java.util.Set<String> written = new java.util.HashSet<>();
    one(() -> {
      ensureRegion(plan.info().region(), known);
      for (Plan.Unit unit : plan.units()) {
        saveGroupIfChanged(groups.get(unit.id()), unit.id(), unit.name(), UNIT_GROUP_TYPE);
        // The unit's contact is addressed by the unit's name; a named responsible person (责任人) is the addressee.
        saveUserIfChanged(users.get(unit.id()), unit.id(), unit.name(), contactLastName(unit), unit.email(), initialPassword);
        membership(known, written, unit.id(), unit.id());
        membership(known, written, unit.id(), UNITS);
        if (written.add("tenant-group " + regionId + " " + unit.id()) && !known.tenantGroups().contains(unit.id())) {
          identityService.createTenantGroupMembership(regionId, unit.id());
        }
      }
      for (Plan.Leader leader : plan.leaders()) {
        saveUserIfChanged(users.get(leader.id()), leader.id(), leader.name(), leader.title() == null ? "" : leader.title(),
            leader.email(), initialPassword);
        membership(known, written, leader.id(), LEADERS);
        tenantUserMembership(known, written, regionId, leader.id());
      }
      if (coordinator != null) {
        tenantUserMembership(known, written, regionId, coordinator);
      }
    });
  }

  /** The county's tenant as {@link #ensureRegion(Plan.Region)} makes it, from what was read before. */
  private void ensureRegion(Plan.Region region, Known known) {
    writeRegion(region, known.tenant(), known.tenantGroups().contains(PROVINCE));
  }

  /** Identity writes as one engine command (kernel.OneEngineCommand): one flush, batched. */
  private void one(Runnable work) {
    org.campaigndesk.kernel.OneEngineCommand.run(engine, work);
  }

  private void tenantUserMembership(Known known, java.util.Set<String> written, String regionId, String userId) {
    if (written.add("tenant-user " + regionId + " " + userId) && !known.tenantUsers().contains(userId)) {
      identityService.createTenantUserMembership(regionId, userId);
    }
  }

  private void membership(Known known, java.util.Set<String> written, String userId, String groupId) {
    if (written.add("member " + userId + " " + groupId) && !known.isMember(userId, groupId)) {
      identityService.createMembership(userId, groupId);
    }
  }

  /** The user as read before (null: none) created or brought up to date; saved only when something changed. */
  private void saveUserIfChanged(User known, String id, String firstName, String lastName, String email, String initialPassword) {
    User user = known;
    if (user == null) {
      user = identityService.newUser(id);
      // Without a known password an administrator sets one in Admin; a user with no password at all
      // would make Camunda's password check fail with an error instead of refusing the login.
      user.setPassword(initialPassword != null && !initialPassword.isBlank() ? initialPassword : unguessablePassword());
    } else if (Objects.equals(firstName, user.getFirstName()) && Objects.equals(lastName, user.getLastName())
        && Objects.equals(email, user.getEmail())) {
      return;
    }
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(email);
    identityService.saveUser(user);
  }

  /** The group as read before (null: none) created or brought up to date; saved only when something changed. */
  private void saveGroupIfChanged(Group known, String id, String name, String type) {
    if (known != null && Objects.equals(name, known.getName()) && Objects.equals(type, known.getType())) {
      return;
    }
    Group group = known == null ? identityService.newGroup(id) : known;
    group.setName(name);
    group.setType(type);
    identityService.saveGroup(group);
  }

  private static String unguessablePassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Saves a group only when it is new or changed: concurrent imports must not update shared groups for nothing. */
  private void ensureGroup(String id, String name, String type) {
    saveGroupIfChanged(identityService.createGroupQuery().groupId(id).singleResult(), id, name, type);
  }

  private Authorization findGrant(String groupId, Resource resource, String resourceId) {
    return authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .singleResult();
  }

  /** Grants a permission to a group once; an existing grant is extended, never duplicated. */
  public void grant(String groupId, Resource resource, String resourceId, Permission permission) {
    Authorization authorization = findGrant(groupId, resource, resourceId);
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

  /** Grants exactly these permissions, taking back any other an earlier version granted. */
  private void grantExactly(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization existing = findGrant(groupId, resource, resourceId);
    if (existing != null) {
      boolean wantsAll = java.util.Arrays.asList(permissions).contains(Permissions.ALL);
      boolean holdsWanted = java.util.Arrays.stream(permissions).allMatch(existing::isPermissionGranted);
      // An earlier version granted everything: narrow it down.
      if (holdsWanted && (wantsAll || !existing.isEveryPermissionGranted())) {
        return;
      }
      authorizationService.deleteAuthorization(existing.getId());
    }
    Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    authorization.setGroupId(groupId);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    for (Permission p : permissions) {
      authorization.addPermission(p);
    }
    authorizationService.saveAuthorization(authorization);
  }

  private void revoke(String groupId, Resource resource, String resourceId) {
    Authorization existing = findGrant(groupId, resource, resourceId);
    if (existing != null) {
      authorizationService.deleteAuthorization(existing.getId());
    }
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

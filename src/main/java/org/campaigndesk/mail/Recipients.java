package org.campaigndesk.mail;

import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.kernel.RecordedFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.springframework.stereotype.Component;

/** Finds mail addresses in Camunda's identity store, where plan import keeps them. */
@Component
public class Recipients {

  private final IdentityService identityService;

  public Recipients(IdentityService identityService) {
    this.identityService = identityService;
  }

  /**
   * The contact of a unit: the user with the unit's id, addressed by the unit's name, and by its
   * responsible person's name where the plan names one ("县农业农村局 李明局长").
   */
  public Recipient unitContact(String unitId) {
    Group group = identityService.createGroupQuery().groupId(unitId).singleResult();
    User user = identityService.createUserQuery().userId(unitId).singleResult();
    return contact(unitId, group, user);
  }

  /**
   * The contacts of several units, as {@link #unitContact} gives each, in the order given: two
   * queries for all of them (a campaign's opening mails some fifty units).
   */
  public Map<String, Recipient> unitContacts(List<String> unitIds) {
    Map<String, Recipient> contacts = new LinkedHashMap<>();
    if (unitIds.isEmpty()) {
      return contacts;
    }
    String[] ids = unitIds.toArray(String[]::new);
    Map<String, Group> groups = new java.util.HashMap<>();
    identityService.createGroupQuery().groupIdIn(ids).list().forEach(g -> groups.put(g.getId(), g));
    Map<String, User> users = new java.util.HashMap<>();
    identityService.createUserQuery().userIdIn(ids).list().forEach(u -> users.put(u.getId(), u));
    for (String unitId : unitIds) {
      contacts.put(unitId, contact(unitId, groups.get(unitId), users.get(unitId)));
    }
    return contacts;
  }

  private static Recipient contact(String unitId, Group group, User user) {
    String name = group != null ? group.getName() : unitId;
    if (user != null && user.getLastName() != null && !user.getLastName().isBlank() && !"联络员".equals(user.getLastName())) {
      name = name + " " + user.getLastName();
    }
    return new Recipient(unitId, name, user == null ? null : user.getEmail());
  }

  public Recipient user(String userId) {
    User user = identityService.createUserQuery().userId(userId).singleResult();
    if (user == null) {
      return new Recipient(userId, userId, null);
    }
    String name = (user.getFirstName() + " " + (user.getLastName() == null ? "" : user.getLastName())).trim();
    return new Recipient(userId, name, user.getEmail());
  }

  public List<Recipient> users(List<String> userIds) {
    return userIds.stream().map(this::user).toList();
  }

  /**
   * The members of a role group who belong to the county ({@code tenantId}, the instance's tenant):
   * one county's coordinators or discipline commission never hear of another county's work.
   */
  public List<Recipient> groupMembers(String groupId, String tenantId) {
    var query = identityService.createUserQuery().memberOfGroup(groupId);
    if (tenantId != null) {
      query.memberOfTenant(tenantId);
    }
    return query.list().stream().map(u -> user(u.getId())).toList();
  }

  /** Who is told about a piece of work's deadline: its lead unit's contact and its lead leaders, each once. */
  public List<Recipient> leadUnitAndLeaders(String leadUnitId, List<String> leaderIds) {
    return distinct(List.of(unitContact(leadUnitId)), users(leaderIds));
  }

  /** The lead unit's contact and the lead leaders of the key task (or work of it) that {@code scope} belongs to. */
  public List<Recipient> leadUnitAndLeaders(VariableScope scope) {
    return leadUnitAndLeaders((String) RecordedFacts.fact(scope::getVariable, KeyTaskVariables.LEAD_UNIT_ID),
        JsonLists.read(RecordedFacts.fact(scope::getVariable, KeyTaskVariables.LEAD_LEADER_IDS)));
  }

  /** Recipients without repeats (a leader may also be a coordinator), in the order given. */
  @SafeVarargs
  public static List<Recipient> distinct(List<Recipient>... lists) {
    Map<String, Recipient> byUser = new LinkedHashMap<>();
    for (List<Recipient> list : lists) {
      list.forEach(r -> byUser.putIfAbsent(r.userId(), r));
    }
    return new ArrayList<>(byUser.values());
  }
}

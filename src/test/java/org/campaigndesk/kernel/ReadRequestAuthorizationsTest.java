package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.campaigndesk.AbstractAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A read-only request asks each authorization question once: the answers hold for the request (a
 * grant taken back while it runs counts from the next request on), revokes apply within it as
 * without it, and no answer outlives it.
 */
class ReadRequestAuthorizationsTest extends AbstractAppTest {

  static final String USER = "rra-reader";
  static final String GROUP = "rra-readers";

  private FilterService filters;
  private AuthorizationService authorizations;
  private IdentityService identity;
  private final List<String> created = new ArrayList<>();
  private String filterId;

  @BeforeEach
  void filterReadableByTheGroup() {
    filters = processEngine.getFilterService();
    authorizations = processEngine.getAuthorizationService();
    identity = processEngine.getIdentityService();
    Filter filter = filters.newTaskFilter("rra-filter").setOwner("admin").setQuery(processEngine.getTaskService().createTaskQuery());
    filterId = filters.saveFilter(filter).getId();
    created.add(save(Authorization.AUTH_TYPE_GRANT, null, GROUP));
  }

  @Test
  void aReadRequestAsksOnce_andItsAnswersEndWithIt() {
    String grant = created.get(0);
    try (ReadRequestAuthorizations.Scope scope = ReadRequestAuthorizations.open()) {
      identity.setAuthentication(USER, List.of(GROUP));
      assertThat(filters.getFilter(filterId).getName()).isEqualTo("rra-filter");
      int asked = ReadRequestAuthorizations.current().asked();
      assertThat(asked).as("groups holding a grant, whether revokes apply, READ on the filter, the filter, whether the caller reads every task").isEqualTo(5);
      // The REST layer, the page and the count each read the filter: no new question, no second read.
      filters.getFilter(filterId);
      filters.count(filterId);
      assertThat(ReadRequestAuthorizations.current().asked()).isEqualTo(asked);
      // Taken back while the request runs: the request was answered as of its first question.
      identity.clearAuthentication();
      authorizations.deleteAuthorization(grant);
      created.remove(grant);
      identity.setAuthentication(USER, List.of(GROUP));
      assertThat(filters.getFilter(filterId)).isNotNull();
    } finally {
      identity.clearAuthentication();
    }
    assertThat(ReadRequestAuthorizations.active()).isFalse();
    // The next request asks again.
    try (ReadRequestAuthorizations.Scope scope = ReadRequestAuthorizations.open()) {
      identity.setAuthentication(USER, List.of(GROUP));
      assertThatThrownBy(() -> filters.getFilter(filterId)).isInstanceOf(AuthorizationException.class);
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void aRevokeAppliesWithinAReadRequest() {
    created.add(save(Authorization.AUTH_TYPE_REVOKE, USER, null));
    for (boolean inRequest : new boolean[] {false, true}) {
      ReadRequestAuthorizations.Scope scope = inRequest ? ReadRequestAuthorizations.open() : () -> { };
      try (scope) {
        identity.setAuthentication(USER, List.of(GROUP));
        assertThatThrownBy(() -> filters.getFilter(filterId)).as("in a read request: " + inRequest)
            .isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> filters.list(filterId)).isInstanceOf(AuthorizationException.class);
      } finally {
        identity.clearAuthentication();
      }
    }
  }

  /**
   * The caller's groups and whether revokes apply are asked in one statement in a read request: a revoke
   * held by the caller's group overrides a grant to every user inside a read request as outside one.
   */
  @Test
  void aRevokeOfTheGroup_appliesWithinAReadRequestAsWithout() {
    authorizations.deleteAuthorization(created.remove(0));
    created.add(save(Authorization.AUTH_TYPE_GLOBAL, "*", null));
    created.add(save(Authorization.AUTH_TYPE_REVOKE, null, GROUP));
    List<Boolean> readable = new ArrayList<>();
    for (boolean inRequest : new boolean[] {false, true}) {
      ReadRequestAuthorizations.Scope scope = inRequest ? ReadRequestAuthorizations.open() : () -> { };
      try (scope) {
        identity.setAuthentication(USER, List.of(GROUP));
        boolean read;
        try {
          filters.getFilter(filterId);
          read = true;
        } catch (AuthorizationException e) {
          read = false;
        }
        readable.add(read);
        // A caller without the group: the grant to every user holds, in the same request too.
        identity.setAuthentication("rra-other", List.of("rra-others"));
        assertThat(filters.getFilter(filterId)).isNotNull();
      } finally {
        identity.clearAuthentication();
      }
    }
    assertThat(readable).as("outside, inside a read request").containsExactly(false, false);
  }

  @Test
  void anotherCallerInTheSameThreadGetsItsOwnAnswers() {
    try (ReadRequestAuthorizations.Scope scope = ReadRequestAuthorizations.open()) {
      identity.setAuthentication(USER, List.of(GROUP));
      assertThat(filters.getFilter(filterId)).isNotNull();
      identity.setAuthentication("rra-stranger", List.of("rra-strangers"));
      assertThatThrownBy(() -> filters.getFilter(filterId)).isInstanceOf(AuthorizationException.class);
    } finally {
      identity.clearAuthentication();
    }
  }

  private String save(int type, String userId, String groupId) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    authorization.setUserId(userId);
    authorization.setGroupId(groupId);
    authorization.setResource(Resources.FILTER);
    authorization.setResourceId(filterId);
    if (type == Authorization.AUTH_TYPE_REVOKE) {
      authorization.removePermission(Permissions.READ);
    } else {
      authorization.addPermission(Permissions.READ);
    }
    return authorizations.saveAuthorization(authorization).getId();
  }

  @AfterEach
  void cleanUp() {
    identity.clearAuthentication();
    created.forEach(authorizations::deleteAuthorization);
    created.clear();
    filters.deleteFilter(filterId);
  }
}

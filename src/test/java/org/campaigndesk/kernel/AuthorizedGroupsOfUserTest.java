package org.campaigndesk.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.campaigndesk.AbstractAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's narrowing of a caller's groups to those holding a grant, asked of the caller's groups
 * only: the same groups as the engine's own (every group that holds one, intersected), for a caller
 * with no group, with groups of which none holds a grant, and with more groups than one statement
 * takes.
 */
class AuthorizedGroupsOfUserTest extends AbstractAppTest {

  private final List<String> created = new ArrayList<>();

  @Test
  void theCallersGroupsThatHoldAGrant_asTheEngineWouldNarrowThem() {
    grant("agt-holds-one");
    grant("agt-holds-two");
    List<String> asked = new ArrayList<>(List.of("agt-holds-one", "agt-holds-nothing", "agt-holds-two"));
    // More ids than one statement takes: the chunks are asked one after another.
    IntStream.range(0, InChunks.SIZE + 10).forEach(i -> asked.add("agt-none-" + i));
    grant("agt-none-" + (InChunks.SIZE + 5));

    List<String> narrowed = narrowed(asked);

    assertThat(narrowed).containsExactlyInAnyOrder("agt-holds-one", "agt-holds-two", "agt-none-" + (InChunks.SIZE + 5));
    assertThat(narrowed(List.of("agt-holds-nothing"))).isEmpty();
    assertThat(narrowed(List.of())).isEmpty();
    assertThat(narrowed(null)).isEmpty();
    // Asked twice in one command (as every authorization-checked query of a request does): the same answer.
    List<List<String>> twice = inCommand(m -> List.of(m.filterAuthenticatedGroupIds(List.of("agt-holds-one", "agt-holds-nothing")),
        m.filterAuthenticatedGroupIds(List.of("agt-holds-one", "agt-holds-nothing"))));
    assertThat(twice.get(0)).containsExactly("agt-holds-one");
    assertThat(twice.get(1)).containsExactly("agt-holds-one");
  }

  @Test
  void theEngineUsesThisNarrowing() {
    String manager = inCommand(m -> m.getClass().getName());
    assertThat(manager).isEqualTo(AuthorizedGroupsOfUser.Manager.class.getName());
  }

  private List<String> narrowed(List<String> groupIds) {
    return inCommand(m -> m.filterAuthenticatedGroupIds(groupIds));
  }

  private <T> T inCommand(java.util.function.Function<AuthorizationManager, T> work) {
    return ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
        .execute(context -> work.apply(context.getAuthorizationManager()));
  }

  private void grant(String groupId) {
    Authorization grant = processEngine.getAuthorizationService().createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    grant.setGroupId(groupId);
    grant.setResource(Resources.FILTER);
    grant.setResourceId("agt-" + groupId);
    grant.addPermission(Permissions.READ);
    created.add(processEngine.getAuthorizationService().saveAuthorization(grant).getId());
  }

  @AfterEach
  void removeGrants() {
    created.forEach(processEngine.getAuthorizationService()::deleteAuthorization);
  }
}

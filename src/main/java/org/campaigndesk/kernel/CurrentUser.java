package org.campaigndesk.kernel;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The engine's per-thread authentication (its type is an engine internal, hence here). */
public final class CurrentUser {

  private CurrentUser() {}

  /** The user the engine is acting for on this thread, or null. */
  public static String of(IdentityService identityService) {
    Authentication current = identityService.getCurrentAuthentication();
    return current == null ? null : current.getUserId();
  }

  /**
   * The groups the engine's authentication on this thread carries for {@code userId} (set by the
   * REST API's authentication filter from the identity store), or null when it carries none for them.
   */
  public static java.util.List<String> groupsOf(IdentityService identityService, String userId) {
    Authentication current = identityService.getCurrentAuthentication();
    return current == null || userId == null || !userId.equals(current.getUserId()) ? null : current.getGroupIds();
  }

  /** Runs {@code work} with no user set (no authorization checks), then restores the user. */
  public static <T> T asSystem(IdentityService identityService, Supplier<T> work) {
    Authentication caller = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identityService.setAuthentication(caller);
      }
    }
  }
}

package org.campaigndesk.security;

import static org.campaigndesk.kernel.ApiCaller.ALL_REGIONS;
import static org.campaigndesk.kernel.ApiCaller.REGIONS_ATTRIBUTE;
import static org.campaigndesk.kernel.ApiCaller.USER_ATTRIBUTE;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.campaigndesk.identity.IdentitySync;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP basic authentication against Camunda's users for {@code /api/*}; the application's own API
 * is for coordinators only, except the ledger and the scores ({@code GET /api/ledger…},
 * {@code GET /api/scores}), which any Camunda user reads (each sees what his groups and counties
 * allow). Those reads also accept the session of the Camunda web apps (a user logged in to Tasklist
 * opens the ledger without logging in again); only for GET, since /api/* has no CSRF protection.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;
  private final String engineName;

  public ApiAuthenticationFilter(IdentityService identityService, String engineName) {
    this.identityService = identityService;
    this.engineName = engineName;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String[] credentials = decode(header);
    boolean readsLedger = isLedgerRead(request);
    String userId = null;
    if (credentials != null && identityService.checkPassword(credentials[0], credentials[1])) {
      userId = credentials[0];
    } else if (credentials == null && readsLedger) {
      userId = webappSessionUser(request);
    }
    if (userId == null) {
      // The ledger page asks with X-Requested-With and shows its own login hint instead of the browser's dialog.
      if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"campaign-desk\"");
      }
      writeError(response, HttpServletResponse.SC_UNAUTHORIZED, "authentication required: HTTP basic with a Camunda user");
      return;
    }
    boolean administrator = isMember(userId, Groups.CAMUNDA_ADMIN);
    boolean province = isMember(userId, IdentitySync.PROVINCE);
    boolean coordinator = isMember(userId, IdentitySync.COORDINATORS);
    boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    if (!readsLedger && !administrator && !coordinator && !(province && reading)) {
      writeError(response, HttpServletResponse.SC_FORBIDDEN, province
          ? "user '" + userId + "' is a province reader: reading only"
          : "user '" + userId + "' is not in the coordinators group");
      return;
    }
    request.setAttribute(USER_ATTRIBUTE, userId);
    // The counties this user may see and act on: every one for the administrator (and, reading, the province), else its own.
    Set<String> regions = administrator || province ? null : Set.copyOf(identityService.createTenantQuery()
        .userMember(userId).includingGroupsOfUser(true).list().stream().map(Tenant::getId).toList());
    request.setAttribute(REGIONS_ATTRIBUTE, regions == null ? ALL_REGIONS : regions);
    chain.doFilter(request, response);
  }

  /** GET of the ledger, its tabs, export and detail, or the scores: open to every Camunda user. */
  static boolean isLedgerRead(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "GET".equals(request.getMethod())
        && (path.equals("/api/ledger") || path.equals("/api/ledger.xlsx") || path.startsWith("/api/ledger/")
            || path.equals("/api/scores"));
  }

  /** The user logged in to the Camunda web apps in this session (same servlet context), if any. */
  private String webappSessionUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(engineName);
    return authentication == null ? null : authentication.getIdentityId();
  }

  private boolean isMember(String userId, String groupId) {
    return identityService.createGroupQuery().groupMember(userId).groupId(groupId).count() > 0;
  }

  private static String[] decode(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 1 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void writeError(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"error\":\"" + message.replace("\"", "'") + "\"}");
  }
}

package org.campaigndesk.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.plan.PlanController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP basic authentication against Camunda's users for {@code /api/*}; the application's own API
 * is for coordinators only.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private final IdentityService identityService;

  public ApiAuthenticationFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    String[] credentials = decode(header);
    if (credentials == null || !identityService.checkPassword(credentials[0], credentials[1])) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"campaign-desk\"");
      writeError(response, HttpServletResponse.SC_UNAUTHORIZED, "authentication required: HTTP basic with a Camunda user");
      return;
    }
    String userId = credentials[0];
    if (identityService.createGroupQuery().groupMember(userId).groupId(IdentitySync.COORDINATORS).count() == 0) {
      writeError(response, HttpServletResponse.SC_FORBIDDEN, "user '" + userId + "' is not in the coordinators group");
      return;
    }
    request.setAttribute(PlanController.USER_ATTRIBUTE, userId);
    chain.doFilter(request, response);
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

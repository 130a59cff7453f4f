package org.campaigndesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.campaigndesk.kernel.ReadRequestAuthorizations;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the engine's read-only REST requests (every GET, and the task queries that Tasklist posts:
 * a filter's list, count and single result, {@code POST /task}) with one set of authorization answers
 * ({@link ReadRequestAuthorizations}): a filter list asks which of the caller's groups hold grants,
 * whether a revoke applies and whether the caller may read the filter once instead of in each of its
 * six engine commands. Every other request (a write) asks per command, as the engine does.
 */
public class ReadRequestScope extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!readOnly(request)) {
      chain.doFilter(request, response);
      return;
    }
    try (ReadRequestAuthorizations.Scope scope = ReadRequestAuthorizations.open()) {
      chain.doFilter(request, response);
    }
  }

  static boolean readOnly(HttpServletRequest request) {
    String method = request.getMethod();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return true;
    }
    if (!"POST".equals(method)) {
      return false;
    }
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String route = EngineRestGuard.route(path);
    return route != null && TaskQueryVariables.isTaskQuery(WorkerRoutes.normalized(route));
  }
}

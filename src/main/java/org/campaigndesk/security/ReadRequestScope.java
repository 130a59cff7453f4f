package org.campaigndesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.campaigndesk.kernel.ReadRequestAuthorizations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the engine's read-only REST requests (every GET, and the task queries that Tasklist posts:
 * a filter's list, count and single result, {@code POST /task}) with one set of authorization answers
 * ({@link ReadRequestAuthorizations}): a filter list asks which of the caller's groups hold grants,
 * whether a revoke applies and whether the caller may read the filter once instead of in each of its
 * six engine commands. A task list (a filter's list or count, {@code /task}, {@code /task/count}) also
 * runs its engine commands in one transaction (they join it, as the engine joins a Spring
 * transaction): one connection and one commit instead of one per command, each a round trip to the
 * database. Every other request (a write) runs as before: per command.
 */
public class ReadRequestScope extends OncePerRequestFilter {

  /** The task lists Tasklist and the units ask for; each is a handful of engine commands that only read. */
  private static final Pattern TASK_LIST = Pattern.compile("/task(/count)?|/filter/[^/]+/(list|count)");

  private final PlatformTransactionManager transactions;

  public ReadRequestScope(PlatformTransactionManager transactions) {
    this.transactions = transactions;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String route = route(request);
    if (!readOnly(request.getMethod(), route)) {
      chain.doFilter(request, response);
      return;
    }
    try (ReadRequestAuthorizations.Scope scope = ReadRequestAuthorizations.open()) {
      if (!oneTransaction(request.getMethod(), route)) {
        chain.doFilter(request, response);
        return;
      }
      DefaultTransactionDefinition definition = new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRED);
      definition.setName("task list");
      TransactionStatus transaction = transactions.getTransaction(definition);
      boolean done = false;
      try {
        chain.doFilter(request, response);
        done = true;
      } finally {
        // A command that failed (e.g. an authorization refused) marked it rollback-only: nothing was written anyway.
        if (done && !transaction.isRollbackOnly()) {
          transactions.commit(transaction);
        } else {
          transactions.rollback(transaction);
        }
      }
    }
  }

  /** The route below the REST root (normalized), or null for a path outside the engine's REST API. */
  static String route(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    String route = EngineRestGuard.route(path);
    return route == null ? null : WorkerRoutes.normalized(route);
  }

  static boolean readOnly(String method, String route) {
    if (route == null) {
      return false;
    }
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return true;
    }
    return "POST".equals(method) && TaskQueryVariables.isTaskQuery(route);
  }

  /** Whether the request's engine commands share one transaction. */
  static boolean oneTransaction(String method, String route) {
    return readOnly(method, route) && TASK_LIST.matcher(route).matches();
  }
}

package org.campaigndesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.campaigndesk.kernel.Json;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Authorization and tenant problems never answer 500. Camunda's REST API turns some of them into
 * an internal server error (completing another county's task: "ENGINE-13034 … because it belongs
 * to no authenticated tenant", wrapped by the task resource as a 500 RestException); such an
 * answer is rewritten: another county's object does not exist for the caller (404), a missing
 * permission is 403.
 *
 * <p>A form the server's checks refuse (a task listener's Chinese reason, naming the row and the
 * field) answers 400 with that reason alone: the engine wraps it as "Cannot submit task form …:
 * ENGINE-03051 There was an exception while invoking the TaskListener. Message: 'Exception while
 * invoking TaskListener: …'", and Tasklist shows the message as it comes. Every other answer
 * passes unchanged.
 */
public class EngineRestErrors extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
    } finally {
      String rejection = wrapper.getStatus() >= 400 ? formRejection(new String(wrapper.getContentAsByteArray(),
          StandardCharsets.UTF_8)) : null;
      if (rejection != null) {
        wrapper.resetBuffer();
        wrapper.setStatus(400);
        wrapper.setContentType("application/json;charset=UTF-8");
        wrapper.getWriter().write("{\"type\":\"FormRejection\",\"message\":" + Json.MAPPER.writeValueAsString(rejection) + "}");
        wrapper.getWriter().flush();
      } else if (wrapper.getStatus() == 500) {
        int status = statusFor(new String(wrapper.getContentAsByteArray(), StandardCharsets.UTF_8));
        if (status != 500) {
          wrapper.resetBuffer();
          EngineRestGuard.refuse(wrapper, status, status == 404 ? "对象不存在或不属于您所在的县" : "无权执行此操作",
              status == 404 ? "not found in the caller's counties" : "not authorized");
        }
      }
      wrapper.copyBodyToResponse();
    }
  }

  private static final String LISTENER = "exception while invoking the TaskListener. Message: '";
  /** What the engine puts before a listener's own message: its wrapper's words, or the exception's class name. */
  private static final java.util.regex.Pattern PREFIX = java.util.regex.Pattern.compile(
      "^(Exception while invoking TaskListener: |([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error): )");

  /** The Chinese reason a task listener gave for refusing a form, or null for any other answer. */
  static String formRejection(String body) {
    String message;
    try {
      message = Json.MAPPER.readTree(body).path("message").asText("");
    } catch (IOException | RuntimeException e) {
      return null;
    }
    int at = message.indexOf(LISTENER);
    if (at < 0) {
      return null;
    }
    String reason = message.substring(at + LISTENER.length()).strip();
    while (reason.endsWith("'")) {
      reason = reason.substring(0, reason.length() - 1).strip();
    }
    for (java.util.regex.Matcher m = PREFIX.matcher(reason); m.find(); m = PREFIX.matcher(reason)) {
      reason = reason.substring(m.end()).strip();
    }
    // Chinese text only: an engine's own English failure stays as it is, for the administrator.
    return reason.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) ? reason : null;
  }

  /** 404 for a tenant check, 403 for an authorization failure, else 500 as it was. */
  static int statusFor(String body) {
    if (body.contains("ENGINE-13034") || body.contains("no authenticated tenant")) {
      return 404;
    }
    if (body.contains("AuthorizationException") || body.contains("ENGINE-03110") || body.contains("ENGINE-03027")
        || body.contains("does not have") && body.contains("permission")) {
      return 403;
    }
    return 500;
  }
}

package org.campaigndesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Authorization and tenant problems never answer 500. Camunda's REST API turns some of them into
 * an internal server error (completing another county's task: "ENGINE-13034 … because it belongs
 * to no authenticated tenant", wrapped by the task resource as a 500 RestException); such an
 * answer is rewritten: another county's object does not exist for the caller (404), a missing
 * permission is 403. Every other answer passes unchanged.
 */
public class EngineRestErrors extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
    } finally {
      if (wrapper.getStatus() == 500) {
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

package org.campaigndesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What reaches {@code /api} at all, before authentication and before a body is read:
 * <ul>
 *   <li>A browser's cross-site request is refused (403): a write whose {@code Origin} is not this
 *       host, or that the browser marks {@code Sec-Fetch-Site: cross-site}. Coordinators log in to
 *       {@code /api} with HTTP basic, which a browser resends on its own, so without this a foreign
 *       page could post a plan from a coordinator's browser (CSRF). Scripts send no Origin and pass.</li>
 *   <li>A plan body larger than {@link #MAX_PLAN_BODY} answers 413 at once: by its Content-Length
 *       when given, else as soon as that many bytes have arrived (the rest is never read).</li>
 * </ul>
 */
public class ApiRequestBoundary extends OncePerRequestFilter {

  public static final int MAX_PLAN_BODY = 2 * 1024 * 1024;
  /**
   * A plan document uploaded for drafting (multipart, {@code /api/plans/draft}): Word files with
   * pictures are larger than plan files. The container's multipart limits (draft.DraftUploadConfig:
   * 20 MB a file, 21 MB a request) stop a body without Content-Length as it arrives.
   */
  public static final long MAX_DOCUMENT_BODY = org.campaigndesk.draft.DraftUploadConfig.MAX_REQUEST_BYTES;
  static final String PLANS = "/api/plans";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String method = request.getMethod();
    boolean writes = !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    if (writes && crossSite(request)) {
      write(response, HttpServletResponse.SC_FORBIDDEN, "跨站请求被拒绝 / cross-site request refused: Origin "
          + request.getHeader("Origin") + " is not this site");
      return;
    }
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if (!writes || !(path.equals(PLANS) || path.startsWith(PLANS + "/"))) {
      chain.doFilter(request, response);
      return;
    }
    String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    boolean multipart = contentType.startsWith("multipart/");
    if (request.getContentLengthLong() > (multipart ? MAX_DOCUMENT_BODY : MAX_PLAN_BODY)) {
      tooLarge(response, multipart);
      return;
    }
    if (multipart) {
      // Parsed by the container from its own stream; the declared length is checked above and
      // spring.servlet.multipart limits the rest.
      chain.doFilter(request, response);
      return;
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(MAX_PLAN_BODY + 1);
    }
    if (body.length > MAX_PLAN_BODY) {
      tooLarge(response, false);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** Whether a browser says this request comes from another site. */
  static boolean crossSite(HttpServletRequest request) {
    if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
      return true;
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return false;
    }
    return !sameAuthority(origin, request.getHeader("Host"));
  }

  /** {@code http://host:8080} against the Host header {@code host:8080}; default ports may be left out on either side. */
  static boolean sameAuthority(String origin, String host) {
    if (host == null || "null".equals(origin)) {
      return false;
    }
    try {
      URI uri = URI.create(origin);
      if (uri.getHost() == null) {
        return false;
      }
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      URI hostUri = URI.create("http://" + host);
      int hostPort = hostUri.getPort() != -1 ? hostUri.getPort() : port;
      return uri.getHost().equalsIgnoreCase(hostUri.getHost()) && port == hostPort;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void tooLarge(HttpServletResponse response, boolean document) throws IOException {
    write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, document
        ? "上传的文件超过 21 MB / the upload exceeds " + MAX_DOCUMENT_BODY + " bytes"
        : "计划文件超过 2 MB / the plan exceeds " + MAX_PLAN_BODY + " bytes");
    // The rest of the body is not read: the connection is not kept for it.
    response.setHeader("Connection", "close");
  }

  private static void write(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    response.getWriter().write("{\"error\":\"" + message.replace("\"", "'") + "\"}");
  }
}

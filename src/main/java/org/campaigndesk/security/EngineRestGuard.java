package org.campaigndesk.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.kernel.CurrentUser;
import org.campaigndesk.kernel.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The fence in front of the engine's REST API ({@code /engine-rest} and the web apps'
 * {@code /camunda/api/engine}, which Tasklist uses) for every user who is neither coordinator nor
 * administrator: applies {@link WorkerRoutes}, and lets a task variable write through only when
 * every variable it names is an editable field of that task's form (Camunda Form or embedded HTML
 * form, see {@link FormFields}), of a type that field takes. It runs before the
 * engine, so a refused call changes nothing (a refused job execution used to cost a retry).
 * Cockpit's plugin API is closed to workers too, the province readers excepted.
 */
public class EngineRestGuard extends OncePerRequestFilter {

  static final String ENGINE_REST = "/engine-rest";
  static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/";
  static final String COCKPIT_PLUGINS = "/camunda/api/cockpit/";
  /** Task variable writes are small; a larger body is refused rather than held in memory. */
  static final int MAX_VARIABLES_BODY = 1024 * 1024;
  /** For a form with evidence files: every file at its limit, base64-encoded, and the other fields. */
  static final int MAX_FILES_BODY = FormFields.MAX_FILES * FormFields.MAX_FILE_BYTES / 3 * 4 + MAX_VARIABLES_BODY;

  private final IdentityService identityService;
  private final TaskService taskService;
  private final FormFields formFields;

  public EngineRestGuard(IdentityService identityService, TaskService taskService, FormFields formFields) {
    this.identityService = identityService;
    this.taskService = taskService;
    this.formFields = formFields;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    boolean cockpitPlugins = path.startsWith(COCKPIT_PLUGINS);
    String route = route(path);
    String userId = route == null && !cockpitPlugins ? null : currentUser(request);
    // The caller's groups as authenticated for this request (no query per role asked below); else read once.
    java.util.Collection<String> groups = userId == null ? java.util.List.of() : groupsOf(request, userId);
    // The body is read from the client once: a JSON write here; any other body a check needs, where it needs it.
    byte[] read = null;
    if (userId != null && route != null && jsonWrite(request)) {
      // Everyone's variable writes, the administrator's too: what the database would refuse is refused here, with its path.
      // At most what a form with evidence files may send; the worker's own form is held to its limit below.
      byte[] body = readLimited(request, MAX_FILES_BODY);
      if (body == null) {
        refuse(response, 413, "请求内容过大", "the request body exceeds " + MAX_FILES_BODY + " bytes");
        return;
      }
      String tooLong = VariableValueLimits.problem(body);
      if (tooLong != null) {
        refuse(response, 400, "变量过长，数据库无法保存（" + tooLong + "）", "too long for the database: " + tooLong);
        return;
      }
      request = new CachedBodyRequest(request, body);
      read = body;
    }
    if (userId == null || groups.contains(Groups.CAMUNDA_ADMIN)) {
      chain.doFilter(request, response);
      return;
    }
    if (groups.contains(IdentitySync.COORDINATORS)) {
      if (route != null && WorkerRoutes.decideForCoordinator(request.getMethod(), route).verdict() == WorkerRoutes.Verdict.REFUSED) {
        refuse(response, 403, "无权访问：" + route, "not answered for coordinators (no county check in the engine): " + route);
      } else {
        chain.doFilter(request, response);
      }
      return;
    }
    if (cockpitPlugins) {
      if (groups.contains(IdentitySync.PROVINCE)) {
        chain.doFilter(request, response);
      } else {
        refuse(response, 403, "无权访问监控插件接口", "the Cockpit plugin API is for coordinators");
      }
      return;
    }
    boolean reader = groups.contains(IdentitySync.PROVINCE);
    WorkerRoutes.Decision decision = reader ? WorkerRoutes.decideForReader(request.getMethod(), route)
        : WorkerRoutes.decide(request.getMethod(), route);
    if (!reader && decision.verdict() == WorkerRoutes.Verdict.ENGINE && TaskQueryVariables.isTaskQuery(WorkerRoutes.normalized(route))) {
      taskQuery(request, response, chain, read);
      return;
    }
    boolean variableWrite = decision.verdict() == WorkerRoutes.Verdict.TASK_VARIABLES;
    // A form that takes evidence files sends them (base64) with its other fields.
    int limit = variableWrite && formFieldsOf(decision.taskId()).map(FormFields.Spec::takesFiles).orElse(false)
        ? MAX_FILES_BODY : MAX_VARIABLES_BODY;
    boolean checksBody = variableWrite && !route.endsWith("/data");
    byte[] body = checksBody ? within(request, read, limit) : new byte[0];
    if (body == null) {
      refuse(response, 413, "提交内容过大：附件每个不超过 " + FormFields.MAX_FILE_BYTES / 1024 / 1024 + " MB，最多 "
          + FormFields.MAX_FILES + " 个", "the request body exceeds " + limit + " bytes");
      return;
    }
    WorkerWriteCheck.Outcome outcome = WorkerWriteCheck.check(userId, decision, request.getMethod(), route, body,
        this::formFieldsOf);
    if (!outcome.allowed()) {
      refuse(response, outcome.status(), outcome.chinese(), outcome.english());
      return;
    }
    if (decision.verdict() == WorkerRoutes.Verdict.TASK_VARIABLE_READ) {
      readTaskVariables(request, response, chain, route, decision.taskId());
      return;
    }
    chain.doFilter(checksBody && read == null ? new CachedBodyRequest(request, body) : request, response);
  }

  /** A worker's task query, when it filters or sorts by no variable but Tasklist's columns ({@link TaskQueryVariables}). */
  private void taskQuery(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] read)
      throws IOException, ServletException {
    boolean post = "POST".equals(request.getMethod());
    byte[] body = post ? within(request, read, MAX_VARIABLES_BODY) : new byte[0];
    if (body == null) {
      refuse(response, 413, "请求内容过大", "the request body exceeds " + MAX_VARIABLES_BODY + " bytes");
      return;
    }
    String forbidden;
    try {
      forbidden = TaskQueryVariables.forbidden(request.getParameterMap(), body);
    } catch (IllegalArgumentException e) {
      refuse(response, 400, "请求内容不是有效的 JSON", e.getMessage());
      return;
    }
    if (forbidden != null) {
      refuse(response, 403, "不允许按变量“" + forbidden + "”查询或排序任务：只能按任务列表显示的"
          + String.join("、", org.campaigndesk.identity.TasklistFilters.COLUMN_VARIABLES) + "查询",
          "tasks may be filtered or sorted by the variables Tasklist shows (" + String.join(", ",
              org.campaigndesk.identity.TasklistFilters.COLUMN_VARIABLES) + "), not by '" + forbidden + "'");
      return;
    }
    chain.doFilter(post && read == null ? new CachedBodyRequest(request, body) : request, response);
  }

  /**
   * A task's variables as its form shows them: the task's scope sees its whole process instance
   * (other units' reports, the signer's phone, 约谈/问责 records), its holder only the form's fields.
   */
  private void readTaskVariables(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
      String route, String taskId) throws IOException, ServletException {
    Optional<Set<String>> shown = CurrentUser.asSystem(identityService, () -> {
      Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
      return task == null ? Optional.<Set<String>>empty() : formFields.shown(FormFields.formIdOf(task));
    });
    if (shown.isEmpty()) {
      refuse(response, 404, "任务不存在", "task '" + taskId + "' does not exist or has no form");
      return;
    }
    String[] parts = WorkerRoutes.normalized(route).split("/");
    if (parts.length >= 5) {
      if (!shown.get().contains(parts[4])) {
        refuse(response, 403, "无权读取变量“" + parts[4] + "”：它不在本任务的表单中", "variable '" + parts[4]
            + "' is not a field of this task's form");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    chain.doFilter(request, wrapper);
    byte[] answer = wrapper.getContentAsByteArray();
    if (wrapper.getStatus() == 200 && answer.length > 0) {
      JsonNode variables = Json.MAPPER.readTree(answer);
      if (variables.isObject()) {
        ((ObjectNode) variables).retain(shown.get());
        wrapper.resetBuffer();
        wrapper.getOutputStream().write(Json.MAPPER.writeValueAsBytes(variables));
      }
    }
    wrapper.copyBodyToResponse();
  }

  /**
   * The task's form fields, looked up as the system: whether the caller may see the task is the
   * engine's decision afterwards (a unit's attempt on another unit's task then answers 403 as before).
   */
  private Optional<FormFields.Spec> formFieldsOf(String taskId) {
    return CurrentUser.asSystem(identityService, () -> {
      Task task = taskService.createTaskQuery().taskId(taskId).initializeFormKeys().singleResult();
      return task == null ? Optional.<FormFields.Spec>empty() : formFields.spec(FormFields.formIdOf(task));
    });
  }

  private static boolean jsonWrite(HttpServletRequest request) {
    String method = request.getMethod();
    String type = request.getContentType();
    return ("POST".equals(method) || "PUT".equals(method)) && type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
  }

  /** The route below the REST root, or null for any other path. */
  static String route(String path) {
    if (path.startsWith(ENGINE_REST + "/")) {
      return path.substring(ENGINE_REST.length());
    }
    if (path.startsWith(WEBAPP_ENGINE)) {
      int slash = path.indexOf('/', WEBAPP_ENGINE.length());
      return slash < 0 ? "/" : path.substring(slash);
    }
    return null;
  }

  /** /engine-rest: set by Camunda's authentication filter before this one; the web apps: their session. */
  private String currentUser(HttpServletRequest request) {
    String current = CurrentUser.of(identityService);
    if (current != null) {
      return current;
    }
    HttpSession session = request.getSession(false);
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    return authentications.getAuthentications().stream().map(UserAuthentication::getIdentityId).findFirst().orElse(null);
  }

  /**
   * The groups of the caller: those the engine's authentication carries (the REST API's filter sets
   * them from the identity store for every request), else the web apps' session's, else read.
   */
  private java.util.Collection<String> groupsOf(HttpServletRequest request, String userId) {
    java.util.List<String> authenticated = CurrentUser.groupsOf(identityService, userId);
    if (authenticated != null) {
      return Set.copyOf(authenticated);
    }
    HttpSession session = request.getSession(false);
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    if (authentications != null) {
      for (UserAuthentication authentication : authentications.getAuthentications()) {
        if (userId.equals(authentication.getIdentityId()) && authentication.getGroupIds() != null) {
          return Set.copyOf(authentication.getGroupIds());
        }
      }
    }
    return CurrentUser.asSystem(identityService, () -> identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).collect(java.util.stream.Collectors.toSet()));
  }

  /**
   * The body held to {@code limit}: the one read before (a JSON write, read at the larger limit
   * that a form with files takes), else read now; null when it is larger.
   */
  private static byte[] within(HttpServletRequest request, byte[] read, int limit) throws IOException {
    if (read != null) {
      return read.length > limit ? null : read;
    }
    return readLimited(request, limit);
  }

  private static byte[] readLimited(HttpServletRequest request, int limit) throws IOException {
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(limit + 1);
      return body.length > limit ? null : body;
    }
  }

  static void refuse(HttpServletResponse response, int status, String chinese, String english) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    String type = status == 403 ? "AuthorizationException" : "InvalidRequestException";
    response.getWriter().write("{\"type\":\"" + type + "\",\"message\":" + quoted(chinese + " / " + english) + "}");
  }

  private static String quoted(String s) {
    try {
      return org.campaigndesk.kernel.Json.MAPPER.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

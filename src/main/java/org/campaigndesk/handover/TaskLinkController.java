package org.campaigndesk.handover;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.campaigndesk.audit.TaskAudit;
import org.campaigndesk.kernel.CurrentUser;
import org.campaigndesk.kernel.Zones;
import org.campaigndesk.mail.TaskLinks;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The link every hand-over mail carries ({@code /go/task/<id>}): an open task opens in Tasklist
 * (which asks for the login and checks the rights itself); a task that is gone gets a page in
 * Chinese saying what became of it: done by whom and when, or withdrawn, and what is open now. That
 * page needs a login (the web apps' session, or HTTP basic) and shows the task only to who took
 * part in it: its units and users, anyone with a task in the same process, its county's
 * coordinators and the province.
 */
@RestController
public class TaskLinkController {

  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

  private final TaskService taskService;
  private final HistoryService historyService;
  private final IdentityService identityService;
  private final TaskLinks links;
  private final TaskAudit audit;
  private final String engineName;

  public TaskLinkController(TaskService taskService, HistoryService historyService, IdentityService identityService,
      TaskLinks links, TaskAudit audit, org.camunda.bpm.engine.ProcessEngine engine) {
    this.taskService = taskService;
    this.audit = audit;
    this.historyService = historyService;
    this.identityService = identityService;
    this.links = links;
    this.engineName = engine.getName();
  }

  @GetMapping(value = TaskLinks.PATH + "{taskId}", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> go(@PathVariable String taskId, HttpServletRequest request) {
    boolean open = CurrentUser.asSystem(identityService, () -> taskService.createTaskQuery().taskId(taskId).count() > 0);
    if (open) {
      return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, links.inTasklist(taskId)).build();
    }
    String userId = userOf(request);
    if (userId == null) {
      return page(HttpStatus.UNAUTHORIZED, "请先登录",
          "<p>该任务已不在待办中。请先<a href=\"" + esc(links.tasklist()) + "\">登录任务列表</a>，再重新打开邮件中的链接查看办理结果。</p>",
          true);
    }
    HistoricTaskInstance task = CurrentUser.asSystem(identityService,
        () -> historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult());
    if (task == null || !mayRead(userId, task)) {
      return page(HttpStatus.NOT_FOUND, "找不到该任务", "<p>没有找到该任务，或您无权查看。</p>"
          + "<p><a href=\"" + esc(links.tasklist()) + "\">打开任务列表</a></p>", false);
    }
    return page(HttpStatus.OK, task.getName(), fateOf(task), false);
  }

  /** What became of the task, and what of its process is open now. */
  String fateOf(HistoricTaskInstance task) {
    ZoneId zone = zoneOf(task);
    StringBuilder html = new StringBuilder("<h1>").append(esc(task.getName())).append("</h1>");
    if (task.getEndTime() == null) {
      html.append("<p>该任务仍待办理。</p>");
    } else if ("completed".equals(task.getDeleteReason())) {
      String by = completedBy(task);
      html.append("<p class=\"done\">该任务已办理完毕：").append(esc(nameOf(by))).append("于").append(when(task.getEndTime(), zone))
          .append("办理。</p>");
    } else {
      html.append("<p class=\"gone\">该任务已于").append(when(task.getEndTime(), zone))
          .append("撤销，无需再办理（所属流程已推进或结束，例如重点工作已验收销号、牵头单位已调整）。</p>");
    }
    html.append("<table><tr><th>交办时间</th><td>").append(when(task.getStartTime(), zone)).append("</td></tr>");
    if (task.getDueDate() != null) {
      html.append("<tr><th>办理期限</th><td>").append(when(task.getDueDate(), zone)).append("</td></tr>");
    }
    html.append("</table>");
    List<HistoricTaskInstance> openNow = CurrentUser.asSystem(identityService, () -> historyService.createHistoricTaskInstanceQuery()
        .processInstanceId(task.getProcessInstanceId()).unfinished().orderByHistoricActivityInstanceStartTime().asc().list());
    if (!openNow.isEmpty()) {
      html.append("<h2>该流程当前待办</h2><ul>");
      openNow.forEach(t -> html.append("<li>").append(esc(t.getName())).append("</li>"));
      html.append("</ul>");
    }
    html.append("<p><a href=\"").append(esc(links.tasklist())).append("\">打开任务列表</a> · <a href=\"")
        .append(esc(links.ledger())).append("\">重点工作台账</a></p>");
    return html.toString();
  }

  /** The assignee who completed it; without one, the user whose call completed it (the task audit). */
  private String completedBy(HistoricTaskInstance task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    return audit.completedBy(task.getId()).orElse(null);
  }

  private String nameOf(String userId) {
    if (userId == null) {
      return "系统";
    }
    User user = CurrentUser.asSystem(identityService, () -> identityService.createUserQuery().userId(userId).singleResult());
    if (user == null) {
      return userId;
    }
    Group unit = CurrentUser.asSystem(identityService, () -> identityService.createGroupQuery().groupId(userId).singleResult());
    String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + (user.getLastName() == null ? "" : user.getLastName())).trim();
    // A unit's contact has the unit's id: name the unit too.
    return (unit != null ? unit.getName() + " " : "") + (name.isEmpty() ? userId : name);
  }

  boolean mayRead(String userId, HistoricTaskInstance task) {
    return CurrentUser.asSystem(identityService, () -> {
      List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
      if (groups.contains(Groups.CAMUNDA_ADMIN) || groups.contains("province")) {
        return true;
      }
      if (groups.contains("coordinators") && (task.getTenantId() == null
          || identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true).tenantId(task.getTenantId()).count() > 0)) {
        return true;
      }
      if (userId.equals(task.getAssignee()) || userId.equals(task.getOwner())) {
        return true;
      }
      if (audit.tookPart(task.getId(), userId, groups)) {
        return true;
      }
      // Who took part in the same process: e.g. the lead unit of a key task, or the leader whose instruction the task answered.
      if (historyService.createHistoricTaskInstanceQuery().processInstanceId(task.getProcessInstanceId()).taskAssignee(userId).count() > 0) {
        return true;
      }
      return audit.offeredInProcess(task.getProcessInstanceId(), groups);
    });
  }

  private String userOf(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon > 0 && identityService.checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1))) {
          return decoded.substring(0, colon);
        }
      } catch (IllegalArgumentException e) {
        return null;
      }
      return null;
    }
    HttpSession session = request.getSession(false);
    Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
    var authentication = authentications == null ? null : authentications.getAuthenticationForProcessEngine(engineName);
    return authentication == null ? null : authentication.getIdentityId();
  }

  private ZoneId zoneOf(HistoricTaskInstance task) {
    // The key task's zone is in its record; other processes keep planTimezone as a variable.
    Object zone = CurrentUser.asSystem(identityService, () -> org.campaigndesk.task.KeyTaskRecord
        .historicFacts(historyService, task.getProcessInstanceId()).get("planTimezone"));
    return Zones.orDefault(zone);
  }

  private static String when(Date date, ZoneId zone) {
    return date == null ? "—" : WHEN.format(date.toInstant().atZone(zone));
  }

  private static String esc(String text) {
    return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
  }

  private static ResponseEntity<String> page(HttpStatus status, String title, String body, boolean askLogin) {
    String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>" + esc(title) + "</title>"
        + "<style>body{font-family:'Microsoft YaHei','PingFang SC',sans-serif;max-width:760px;margin:40px auto;color:#222}"
        + "th{text-align:left;padding-right:16px;color:#666}.done{color:#1e7e34}.gone{color:#8a6d3b}</style></head><body>"
        + body + "</body></html>";
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(new MediaType("text", "html", StandardCharsets.UTF_8));
    if (askLogin) {
      builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"campaign-desk\", charset=\"UTF-8\"");
    }
    return builder.body(html);
  }
}

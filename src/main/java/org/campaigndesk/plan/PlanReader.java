package org.campaigndesk.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.campaigndesk.kernel.Zones;
import org.springframework.stereotype.Component;

/**
 * Reads a plan file (see docs/plan-format.md) and checks all of it, so that the coordinator gets
 * every problem at once, each with the path of the field it concerns.
 *
 * <p>The YAML is read as a tree rather than bound to classes: binding stops at the first problem
 * and reports Java types; this reports all problems in the plan's own words. Jackson reads keys as
 * text, so the YAML 1.1 trap of {@code no:} turning into a boolean does not apply.
 */
@Component
public class PlanReader {

  public static final String TOWNSHIPS = "@townships";
  public static final String DEPARTMENTS = "@departments";
  public static final ZoneId DEFAULT_ZONE = Zones.DEFAULT;

  /** Camunda user and group ids: kept to characters every part of Camunda accepts. */
  private static final Pattern IDENTITY_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
  private static final Pattern PLAN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,39}");
  /** A region id is the Camunda tenant id and a prefix of logins that clash between counties. */
  private static final Pattern REGION_ID = Pattern.compile("[a-z][a-z0-9-]{1,19}");
  private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]{3,30}");
  private static final Pattern CAMPAIGN_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  /** cd_mail.recipient and recipient_name hold 200 characters. */
  static final int MAX_MAIL_FIELD = 200;
  static final int MAX_CAMPAIGN_NAME = 100;
  static final int MAX_ITEM_TITLE = 1000;
  private static final Set<String> RESERVED_IDS = Set.of("admin", "coordinators", "leaders", "camunda-admin", "demo", "inspection-team", "discipline-commission");

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  public Plan read(String text) {
    Context ctx = new Context();
    JsonNode root;
    try {
      root = yaml.readTree(text == null ? "" : text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new PlanValidationException(List.of(new PlanError("(file)", "not valid YAML" + where + ": "
          + e.getOriginalMessage())));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new PlanValidationException(List.of(new PlanError("(file)", "is empty")));
    }
    if (!root.isObject()) {
      throw new PlanValidationException(List.of(new PlanError("(file)", "must be a mapping with plan, units, leaders, campaigns, tasks")));
    }
    ctx.allowOnly(root, "", Set.of("plan", "units", "leaders", "campaigns", "tasks", "progressReportDates", "supervision"));

    Plan.Info info = readInfo(ctx, root.get("plan"));
    List<Plan.Unit> units = readUnits(ctx, root.get("units"));
    List<Plan.Leader> leaders = readLeaders(ctx, root.get("leaders"), units);
    UnitRefs refs = new UnitRefs(units);
    Span year = info == null || info.year() == 0 ? Span.UNKNOWN : new Span(info.firstYear(), info.year());
    List<Plan.Campaign> campaigns = readCampaigns(ctx, root.get("campaigns"), refs, year);
    Plan.Supervision supervision = readSupervision(ctx, root.get("supervision"), units, leaders, year);
    List<Plan.KeyTask> tasks = readTasks(ctx, root.get("tasks"), refs, leaders, year, supervision != null);
    List<LocalDate> reportDates = new ArrayList<>();
    JsonNode datesNode = root.get("progressReportDates");
    if (datesNode != null && !datesNode.isNull()) {
      if (!datesNode.isArray()) {
        ctx.error("progressReportDates", "must be a list of dates");
      } else {
        for (int i = 0; i < datesNode.size(); i++) {
          LocalDate d = ctx.date(datesNode.get(i), "progressReportDates[" + i + "]");
          if (d != null) {
            ctx.checkInPlanYear(d, year, "progressReportDates[" + i + "]");
            reportDates.add(d);
          }
        }
      }
    }
    // The schema checks the structure too; what it finds that the checks above did not is added.
    PlanSchema.addUncovered(ctx.errors, PlanSchema.check(root));
    if (!ctx.errors.isEmpty()) {
      throw new PlanValidationException(ctx.errors);
    }
    return new Plan(info, units, leaders, campaigns, tasks, reportDates, supervision, List.copyOf(ctx.warnings));
  }

  /** The years a plan spans; dates may run into the next year's first quarter (a winter campaign). */
  record Span(int first, int last) {
    static final Span UNKNOWN = new Span(0, 0);

    boolean known() {
      return last != 0;
    }

    boolean contains(int year) {
      return !known() || (year >= first && year <= last);
    }

    String text() {
      return first == last ? "the plan year " + last : "the plan's span " + first + "–" + last;
    }
  }

  private Plan.Info readInfo(Context ctx, JsonNode node) {
    if (node == null || node.isNull()) {
      ctx.error("plan", "is required");
      return null;
    }
    if (!node.isObject()) {
      ctx.error("plan", "must be a mapping");
      return null;
    }
    ctx.allowOnly(node, "plan", Set.of("id", "title", "issuer", "documentNo", "issued", "year", "years", "timezone", "region"));
    String id = ctx.requiredText(node, "plan", "id");
    if (id != null && !PLAN_ID.matcher(id).matches()) {
      ctx.error("plan.id", "'" + id + "' must be 3 to 40 lowercase letters, digits or '-'");
    }
    String title = ctx.maxLength(ctx.requiredText(node, "plan", "title"), "plan.title", 300);
    // Many plans print neither an issuer nor a document number.
    String issuer = ctx.maxLength(ctx.optionalText(node, "plan", "issuer"), "plan.issuer", 200);
    String documentNo = ctx.maxLength(ctx.optionalText(node, "plan", "documentNo"), "plan.documentNo", 100);
    LocalDate issued = node.hasNonNull("issued") ? ctx.date(node.get("issued"), "plan.issued") : null;
    Integer firstYear = null;
    Integer year = null;
    if (node.hasNonNull("year") && node.hasNonNull("years")) {
      ctx.error("plan.years", "give either year (a one-year plan) or years (a span), not both");
    } else if (node.hasNonNull("years")) {
      JsonNode years = node.get("years");
      if (!years.isObject()) {
        ctx.error("plan.years", "must be a mapping {from: YEAR, to: YEAR}");
      } else {
        ctx.allowOnly(years, "plan.years", Set.of("from", "to"));
        firstYear = plausibleYear(ctx, ctx.integer(years.get("from"), "plan.years.from", true), "plan.years.from");
        year = plausibleYear(ctx, ctx.integer(years.get("to"), "plan.years.to", true), "plan.years.to");
        if (firstYear != null && year != null && year < firstYear) {
          ctx.error("plan.years.to", year + " is before plan.years.from " + firstYear);
          year = null;
        } else if (firstYear != null && year != null && year - firstYear > 9) {
          ctx.error("plan.years", "a span of " + (year - firstYear + 1) + " years is longer than the 10 a plan may have");
          year = null;
        }
      }
    } else if (!node.hasNonNull("year")) {
      ctx.error("plan.year", "is required (or plan.years: {from: YEAR, to: YEAR} for a plan over several years)");
    } else {
      year = plausibleYear(ctx, ctx.integer(node.get("year"), "plan.year", true), "plan.year");
      firstYear = year;
    }
    Plan.Region region = null;
    JsonNode regionNode = node.get("region");
    if (regionNode != null && !regionNode.isNull()) {
      if (!regionNode.isObject()) {
        ctx.error("plan.region", "must be a mapping {id: ..., name: ...}, e.g. {id: lufeng, name: 禄丰县}");
      } else {
        ctx.allowOnly(regionNode, "plan.region", Set.of("id", "name"));
        String regionId = ctx.requiredText(regionNode, "plan.region", "id");
        if (regionId != null && !REGION_ID.matcher(regionId).matches()) {
          ctx.error("plan.region.id", "'" + regionId + "' must be 2 to 20 lowercase ASCII letters, digits or '-', starting with a letter");
          regionId = null;
        }
        String regionName = ctx.maxLength(ctx.requiredText(regionNode, "plan.region", "name"), "plan.region.name", 100);
        if (regionId != null && regionName != null) {
          region = new Plan.Region(regionId, regionName);
        }
      }
    }
    ZoneId zone = DEFAULT_ZONE;
    if (node.hasNonNull("timezone")) {
      String zoneText = node.get("timezone").asText();
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        ctx.error("plan.timezone", "unknown time zone '" + zoneText + "' (use an IANA name such as Asia/Shanghai)");
      }
    }
    if (year == null || firstYear == null) {
      year = 0;
      firstYear = 0;
    }
    return new Plan.Info(id, title, issuer, documentNo, issued, firstYear, year, zone, region);
  }

  private static Integer plausibleYear(Context ctx, Integer year, String path) {
    if (year != null && (year < 2000 || year > 2100)) {
      ctx.error(path, year + " is not a plausible plan year (2000..2100)");
      return null;
    }
    return year;
  }

  private List<Plan.Unit> readUnits(Context ctx, JsonNode node) {
    List<Plan.Unit> units = new ArrayList<>();
    if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
      ctx.error("units", "at least one unit is required");
      return units;
    }
    if (!node.isArray()) {
      ctx.error("units", "must be a list");
      return units;
    }
    Map<String, String> idPaths = new HashMap<>();
    Map<String, String> namePaths = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "units[" + i + "]";
      JsonNode u = node.get(i);
      if (!u.isObject()) {
        ctx.error(path, "must be a mapping with id, name, kind, email");
        continue;
      }
      ctx.allowOnly(u, path, Set.of("id", "name", "kind", "email", "aliases", "responsiblePerson"));
      String id = ctx.requiredText(u, path, "id");
      if (id != null) {
        checkIdentityId(ctx, id, path + ".id");
        String earlier = idPaths.putIfAbsent(id, path);
        if (earlier != null) {
          ctx.error(path + ".id", "duplicate unit id '" + id + "' (also " + earlier + ")");
        }
      }
      String name = ctx.maxLength(ctx.requiredText(u, path, "name"), path + ".name", 100);
      if (name != null) {
        String earlier = namePaths.putIfAbsent(name, path);
        if (earlier != null) {
          ctx.error(path + ".name", "duplicate unit name '" + name + "' (also " + earlier + ")");
        }
      }
      UnitKind kind = null;
      String kindText = ctx.requiredText(u, path, "kind");
      if (kindText != null) {
        kind = UnitKind.fromYaml(kindText).orElse(null);
        if (kind == null) {
          ctx.error(path + ".kind", "'" + kindText + "' is not one of department, township, other");
        }
      }
      String email = ctx.email(u, path);
      List<String> aliases = ctx.textList(u.get("aliases"), path + ".aliases");
      Plan.ResponsiblePerson person = readPerson(ctx, u.get("responsiblePerson"), path + ".responsiblePerson");
      // Mail addresses the unit as "<name> <person's name><title>" and records that name (200 characters).
      if (name != null && person != null) {
        int length = name.length() + 1 + person.name().length() + (person.title() == null ? 0 : person.title().length());
        if (length > MAX_MAIL_FIELD) {
          ctx.error(path + ".responsiblePerson", "the unit's name with its responsible person's name and title is " + length
              + " characters long; mail records at most " + MAX_MAIL_FIELD);
        }
      }
      units.add(new Plan.Unit(id, name, kind, email, aliases, person));
    }
    for (int i = 0; i < units.size(); i++) {
      for (int a = 0; a < units.get(i).aliases().size(); a++) {
        String alias = units.get(i).aliases().get(a);
        String owner = namePaths.get(alias);
        if (owner != null && !owner.equals("units[" + i + "]")) {
          ctx.error("units[" + i + "].aliases[" + a + "]", "'" + alias + "' is the name of " + owner);
        }
      }
    }
    return units;
  }

  private List<Plan.Leader> readLeaders(Context ctx, JsonNode node, List<Plan.Unit> units) {
    List<Plan.Leader> leaders = new ArrayList<>();
    if (node == null || node.isNull()) {
      return leaders;
    }
    if (!node.isArray()) {
      ctx.error("leaders", "must be a list");
      return leaders;
    }
    Set<String> unitIds = new LinkedHashSet<>();
    units.forEach(u -> unitIds.add(u.id()));
    Map<String, String> idPaths = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "leaders[" + i + "]";
      JsonNode l = node.get(i);
      if (!l.isObject()) {
        ctx.error(path, "must be a mapping with id, name, title, email");
        continue;
      }
      ctx.allowOnly(l, path, Set.of("id", "name", "title", "email"));
      String id = ctx.requiredText(l, path, "id");
      if (id != null) {
        checkIdentityId(ctx, id, path + ".id");
        if (unitIds.contains(id)) {
          ctx.error(path + ".id", "'" + id + "' is already a unit id; unit ids name the units' contact users");
        }
        String earlier = idPaths.putIfAbsent(id, path);
        if (earlier != null) {
          ctx.error(path + ".id", "duplicate leader id '" + id + "' (also " + earlier + ")");
        }
      }
      String name = ctx.maxLength(ctx.requiredText(l, path, "name"), path + ".name", 100);
      String title = l.hasNonNull("title") ? ctx.maxLength(l.get("title").asText().trim(), path + ".title", 100) : "";
      if (name != null && title != null && name.length() + 1 + title.length() > MAX_MAIL_FIELD) {
        ctx.error(path + ".title", "the leader's name with the title is " + (name.length() + 1 + title.length())
            + " characters long; mail records at most " + MAX_MAIL_FIELD);
      }
      leaders.add(new Plan.Leader(id, name, title, ctx.email(l, path)));
    }
    return leaders;
  }

  private List<Plan.Campaign> readCampaigns(Context ctx, JsonNode node, UnitRefs refs, Span year) {
    List<Plan.Campaign> campaigns = new ArrayList<>();
    if (node == null || node.isNull()) {
      return campaigns;
    }
    if (!node.isArray()) {
      ctx.error("campaigns", "must be a list");
      return campaigns;
    }
    Map<String, String> idPaths = new HashMap<>();
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "campaigns[" + i + "]";
      JsonNode c = node.get(i);
      if (!c.isObject()) {
        ctx.error(path, "must be a mapping with id, name, start, end, items");
        continue;
      }
      ctx.allowOnly(c, path, Set.of("id", "name", "start", "end", "items"));
      String id = ctx.requiredText(c, path, "id");
      if (id != null) {
        if (!CAMPAIGN_ID.matcher(id).matches()) {
          ctx.error(path + ".id", "'" + id + "' must start with a letter and hold only ASCII letters, digits, '-' or '_'");
        }
        String earlier = idPaths.putIfAbsent(id, path);
        if (earlier != null) {
          ctx.error(path + ".id", "duplicate campaign id '" + id + "' (also " + earlier + ")");
        }
      }
      // A campaign's name names a Tasklist filter (【name】, 255 characters in Camunda) and mail subjects.
      String name = ctx.maxLength(ctx.requiredText(c, path, "name"), path + ".name", MAX_CAMPAIGN_NAME);
      LocalDate start = ctx.requiredDate(c, path, "start");
      LocalDate end = ctx.requiredDate(c, path, "end");
      if (start != null) {
        ctx.checkInPlanYear(start, year, path + ".start");
      }
      if (start != null && end != null && end.isBefore(start)) {
        ctx.error(path + ".end", "ends " + end + ", before its start " + start);
      }
      List<Plan.CampaignItem> items = new ArrayList<>();
      JsonNode itemsNode = c.get("items");
      if (itemsNode != null && !itemsNode.isNull()) {
        if (!itemsNode.isArray()) {
          ctx.error(path + ".items", "must be a list");
        } else {
          for (int k = 0; k < itemsNode.size(); k++) {
            String itemPath = path + ".items[" + k + "]";
            JsonNode item = itemsNode.get(k);
            if (!item.isObject()) {
              ctx.error(itemPath, "must be a mapping with title and units");
              continue;
            }
            ctx.allowOnly(item, itemPath, Set.of("title", "units", "targets"));
            String title = ctx.maxLength(ctx.requiredText(item, itemPath, "title"), itemPath + ".title", MAX_ITEM_TITLE);
            List<String> unitIds = refs.resolveAll(ctx, item.get("units"), itemPath + ".units", true);
            if (unitIds.isEmpty() && !item.hasNonNull("units")) {
              ctx.warning(itemPath + ".units", "names no unit: nobody gets a task for this item");
            }
            items.add(new Plan.CampaignItem(title, unitIds, readObjectives(ctx, item.get("targets"), itemPath + ".targets", year)));
          }
        }
      }
      campaigns.add(new Plan.Campaign(id, name, start, end, items));
      indexes.add(i);
    }
    checkOverlaps(ctx, campaigns, indexes);
    return campaigns;
  }

  private static void checkOverlaps(Context ctx, List<Plan.Campaign> campaigns, List<Integer> indexes) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < campaigns.size(); i++) {
      Plan.Campaign c = campaigns.get(i);
      if (c.start() != null && c.end() != null && !c.end().isBefore(c.start())) {
        order.add(i);
      }
    }
    order.sort(Comparator.comparing(i -> campaigns.get(i).start()));
    for (int k = 1; k < order.size(); k++) {
      Plan.Campaign previous = campaigns.get(order.get(k - 1));
      Plan.Campaign current = campaigns.get(order.get(k));
      if (!current.start().isAfter(previous.end())) {
        ctx.error("campaigns[" + indexes.get(order.get(k)) + "]", "window " + current.start() + ".." + current.end()
            + " overlaps campaigns[" + indexes.get(order.get(k - 1)) + "] (" + previous.name() + ", "
            + previous.start() + ".." + previous.end() + ")");
      }
    }
  }

  private List<Plan.KeyTask> readTasks(Context ctx, JsonNode node, UnitRefs refs, List<Plan.Leader> leaders, Span year,
      boolean hasSupervision) {
    List<Plan.KeyTask> tasks = new ArrayList<>();
    if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
      if (!hasSupervision) {
        ctx.error("tasks", "at least one key task is required (or a supervision section)");
      }
      return tasks;
    }
    if (!node.isArray()) {
      ctx.error("tasks", "must be a list");
      return tasks;
    }
    Set<String> leaderIds = new LinkedHashSet<>();
    leaders.forEach(l -> leaderIds.add(l.id()));
    Map<Integer, String> noPaths = new HashMap<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "tasks[" + i + "]";
      JsonNode t = node.get(i);
      if (!t.isObject()) {
        ctx.error(path, "must be a mapping with no, title, leadUnits, deadline");
        continue;
      }
      ctx.allowOnly(t, path, Set.of("no", "title", "description", "leadLeaders", "leadUnits", "units", "deadline",
          "responsiblePerson", "targets", "year"));
      Integer no = ctx.integer(t.get("no"), path + ".no", true);
      if (no != null) {
        if (no < 1) {
          ctx.error(path + ".no", "must be a positive number, not " + no);
        }
        String earlier = noPaths.putIfAbsent(no, path);
        if (earlier != null) {
          ctx.error(path + ".no", "duplicate task number " + no + " (also " + earlier + ")");
        }
      }
      String title = ctx.maxLength(ctx.requiredText(t, path, "title"), path + ".title", 300);
      String description = t.hasNonNull("description") ? ctx.maxLength(t.get("description").asText().trim(), path + ".description", 4000) : "";
      Integer taskYear = null;
      if (t.hasNonNull("year")) {
        taskYear = ctx.integer(t.get("year"), path + ".year", false);
        if (taskYear != null && !year.contains(taskYear)) {
          ctx.error(path + ".year", taskYear + " is outside " + year.text());
          taskYear = null;
        }
      }

      List<String> leadLeaders = new ArrayList<>();
      JsonNode leadersNode = t.get("leadLeaders");
      List<String> leaderRefs = ctx.textList(leadersNode, path + ".leadLeaders");
      for (int k = 0; k < leaderRefs.size(); k++) {
        String ref = leaderRefs.get(k);
        if (!leaderIds.contains(ref)) {
          ctx.error(path + ".leadLeaders[" + k + "]", "unknown leader '" + ref + "'");
        } else if (leadLeaders.contains(ref)) {
          ctx.error(path + ".leadLeaders[" + k + "]", "leader '" + ref + "' is listed twice");
        } else {
          leadLeaders.add(ref);
        }
      }

      List<String> leadUnits = new ArrayList<>();
      JsonNode leadNode = t.get("leadUnits");
      // No lead unit: the plan leaves it to be fixed later; a coordinator assigns it (分解交办).
      if (leadNode != null && !leadNode.isNull() && !(leadNode.isArray() && leadNode.isEmpty())) {
        List<String> leadRefs = ctx.textList(leadNode, path + ".leadUnits");
        for (int k = 0; k < leadRefs.size(); k++) {
          String ref = leadRefs.get(k);
          String refPath = path + ".leadUnits[" + k + "]";
          if (ref.startsWith("@")) {
            ctx.error(refPath, "'" + ref + "' names a group of units; a lead unit must be one unit");
          } else if (refs.resolveOne(ctx, ref, refPath) != null) {
            if (leadUnits.contains(ref)) {
              ctx.error(refPath, "unit '" + ref + "' is listed twice");
            } else {
              leadUnits.add(ref);
            }
          }
        }
      }

      List<String> responsible = new ArrayList<>(refs.resolveAll(ctx, t.get("units"), path + ".units", false));
      // A lead unit named again among the responsible units (often through a group token) leads; it does not also contribute as a responsible unit.
      responsible.removeAll(leadUnits);

      Deadline deadline = readDeadline(ctx, t.get("deadline"), path + ".deadline", year, taskYear);
      tasks.add(new Plan.KeyTask(no == null ? 0 : no, title, description, List.copyOf(leadLeaders),
          List.copyOf(leadUnits), List.copyOf(responsible), deadline,
          readPerson(ctx, t.get("responsiblePerson"), path + ".responsiblePerson"),
          readObjectives(ctx, t.get("targets"), path + ".targets", year), taskYear));
    }
    return tasks;
  }

  static final Set<String> TARGET_KINDS = Set.of("county", "village", "resettlement-site", "hydropower-resettlement-site");
  static final Set<String> FIGURES = Set.of("remainingPoor", "incidence", "population");

  private Plan.Supervision readSupervision(Context ctx, JsonNode node, List<Plan.Unit> units, List<Plan.Leader> leaders, Span year) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      ctx.error("supervision", "must be a mapping with reportDay, phases, targets");
      return null;
    }
    ctx.allowOnly(node, "supervision", Set.of("reportDay", "phases", "targets"));
    Integer reportDay = node.has("reportDay") ? ctx.integer(node.get("reportDay"), "supervision.reportDay", false) : Integer.valueOf(20);
    if (reportDay != null && (reportDay < 1 || reportDay > 28)) {
      ctx.error("supervision.reportDay", reportDay + " must be between 1 and 28");
    }
    List<Plan.Phase> phases = new ArrayList<>();
    JsonNode phasesNode = node.get("phases");
    if (phasesNode == null || !phasesNode.isArray() || phasesNode.isEmpty()) {
      ctx.error("supervision.phases", "at least one phase is required");
    } else {
      for (int i = 0; i < phasesNode.size(); i++) {
        String path = "supervision.phases[" + i + "]";
        JsonNode ph = phasesNode.get(i);
        if (!ph.isObject()) {
          ctx.error(path, "must be a mapping with name, start, end, milestones");
          continue;
        }
        ctx.allowOnly(ph, path, Set.of("name", "start", "end", "milestones"));
        String name = ctx.requiredText(ph, path, "name");
        LocalDate start = ctx.requiredDate(ph, path, "start");
        LocalDate end = ctx.requiredDate(ph, path, "end");
        if (start != null && end != null && end.isBefore(start)) {
          ctx.error(path + ".end", "ends " + end + ", before its start " + start);
        }
        if (start != null && !phases.isEmpty() && phases.get(phases.size() - 1).end() != null
            && !start.isAfter(phases.get(phases.size() - 1).end())) {
          ctx.error(path + ".start", start + " is not after the previous phase's end " + phases.get(phases.size() - 1).end());
        }
        List<Plan.Milestone> milestones = new ArrayList<>();
        JsonNode ms = ph.get("milestones");
        if (ms != null && !ms.isNull()) {
          if (!ms.isArray()) {
            ctx.error(path + ".milestones", "must be a list");
          } else {
            for (int k = 0; k < ms.size(); k++) {
              String mPath = path + ".milestones[" + k + "]";
              JsonNode m = ms.get(k);
              if (!m.isObject()) {
                ctx.error(mPath, "must be a mapping with date and title");
                continue;
              }
              ctx.allowOnly(m, mPath, Set.of("date", "title"));
              LocalDate date = ctx.requiredDate(m, mPath, "date");
              if (date != null) {
                ctx.checkInPlanYear(date, year, mPath + ".date");
              }
              String title = ctx.requiredText(m, mPath, "title");
              milestones.add(new Plan.Milestone(date, title));
            }
          }
        }
        phases.add(new Plan.Phase(name, start, end, milestones));
      }
    }
    List<Plan.Target> targets = new ArrayList<>();
    JsonNode targetsNode = node.get("targets");
    Set<String> unitIds = new LinkedHashSet<>();
    units.forEach(u -> unitIds.add(u.id()));
    Set<String> leaderIds = new LinkedHashSet<>();
    leaders.forEach(l -> leaderIds.add(l.id()));
    Map<String, String> targetPaths = new HashMap<>();
    if (targetsNode == null || !targetsNode.isArray() || targetsNode.isEmpty()) {
      ctx.error("supervision.targets", "at least one target is required");
    } else {
      for (int i = 0; i < targetsNode.size(); i++) {
        String path = "supervision.targets[" + i + "]";
        JsonNode t = targetsNode.get(i);
        if (!t.isObject()) {
          ctx.error(path, "must be a mapping with id, name, kind, leaders, squadUnit");
          continue;
        }
        ctx.allowOnly(t, path, Set.of("id", "name", "kind", "county", "figures", "leaders", "squadLeads", "squadUnit"));
        String id = ctx.requiredText(t, path, "id");
        if (id != null) {
          if (!IDENTITY_ID.matcher(id).matches()) {
            ctx.error(path + ".id", "'" + id + "' must start with an ASCII letter and hold only ASCII letters, digits, '-' or '_'");
          }
          String earlier = targetPaths.putIfAbsent(id, path);
          if (earlier != null) {
            ctx.error(path + ".id", "duplicate target id '" + id + "' (also " + earlier + ")");
          }
        }
        String name = ctx.maxLength(ctx.requiredText(t, path, "name"), path + ".name", 100);
        String kind = ctx.requiredText(t, path, "kind");
        if (kind != null && !TARGET_KINDS.contains(kind)) {
          ctx.error(path + ".kind", "'" + kind + "' is not one of county, village, resettlement-site, hydropower-resettlement-site");
        }
        String county = t.hasNonNull("county") ? ctx.maxLength(t.get("county").asText().trim(), path + ".county", 100) : "";
        Map<String, Double> figures = new java.util.LinkedHashMap<>();
        JsonNode fig = t.get("figures");
        if (fig != null && !fig.isNull()) {
          if (!fig.isObject()) {
            ctx.error(path + ".figures", "must be a mapping of numbers");
          } else {
            fig.fields().forEachRemaining(e -> {
              if (!FIGURES.contains(e.getKey())) {
                ctx.error(path + ".figures." + e.getKey(), "unknown figure (expected remainingPoor, incidence, population)");
              } else if (!e.getValue().isNumber()) {
                ctx.error(path + ".figures." + e.getKey(), "must be a number, not '" + e.getValue().asText() + "'");
              } else {
                figures.put(e.getKey(), e.getValue().asDouble());
              }
            });
          }
        }
        List<String> targetLeaders = ctx.textList(t.get("leaders"), path + ".leaders");
        if (targetLeaders.isEmpty()) {
          ctx.error(path + ".leaders", "at least one supervising leader is required");
        }
        for (int k = 0; k < targetLeaders.size(); k++) {
          if (!leaderIds.contains(targetLeaders.get(k))) {
            ctx.error(path + ".leaders[" + k + "]", "unknown leader '" + targetLeaders.get(k) + "'");
          }
        }
        List<String> squadLeads = ctx.textList(t.get("squadLeads"), path + ".squadLeads");
        for (int k = 0; k < squadLeads.size(); k++) {
          if (!leaderIds.contains(squadLeads.get(k))) {
            ctx.error(path + ".squadLeads[" + k + "]", "unknown leader '" + squadLeads.get(k) + "'");
          }
        }
        String squadUnit = ctx.requiredText(t, path, "squadUnit");
        if (squadUnit != null && !unitIds.contains(squadUnit)) {
          ctx.error(path + ".squadUnit", "unknown unit '" + squadUnit + "'");
        }
        targets.add(new Plan.Target(id, name, kind, county, figures, targetLeaders, squadLeads, squadUnit));
      }
    }
    return new Plan.Supervision(reportDay == null ? 20 : reportDay, phases, targets);
  }

  private static final String DEADLINE_FORMS = "a date (YYYY-MM-DD), year-round, {date: DATE, text: 原文}, "
      + "{kind: year-round, year: YEAR, summary: DATE, acceptance: DATE} or {kind: span, text: 原文}";

  /** A missing deadline is allowed: the task then waits for a coordinator to set it. */
  private Deadline readDeadline(Context ctx, JsonNode node, String path, Span year, Integer taskYear) {
    if (node == null || node.isNull()) {
      return null;
    }
    int belongsTo = taskYear != null ? taskYear : year.last();
    if (node.isTextual() && node.asText().trim().equals("year-round")) {
      return !year.known() ? null : new Deadline.YearRound(LocalDate.of(belongsTo, 12, 31));
    }
    if (node.isObject() && node.has("date")) {
      ctx.allowOnly(node, path, Set.of("date", "text"));
      LocalDate date = ctx.requiredDate(node, path, "date");
      String wording = ctx.maxLength(ctx.optionalText(node, path, "text"), path + ".text", 60);
      if (date == null) {
        return null;
      }
      ctx.checkInPlanYear(date, year, path + ".date");
      return new Deadline.FixedDate(date, wording);
    }
    if (node.isObject()) {
      String kind = ctx.requiredText(node, path, "kind");
      if ("span".equals(kind)) {
        ctx.allowOnly(node, path, Set.of("kind", "text"));
        String wording = ctx.maxLength(ctx.optionalText(node, path, "text"), path + ".text", 60);
        return !year.known() ? null : new Deadline.Span(LocalDate.of(year.last(), 12, 31),
            wording != null ? wording : year.first() + "—" + year.last() + "年");
      }
      ctx.allowOnly(node, path, Set.of("kind", "year", "summary", "acceptance"));
      if (kind != null && !kind.equals("year-round")) {
        ctx.error(path + ".kind", "'" + kind + "' is not a deadline kind (year-round or span)");
        return null;
      }
      if (node.hasNonNull("year")) {
        Integer y = ctx.integer(node.get("year"), path + ".year", false);
        if (y != null && !year.contains(y)) {
          ctx.error(path + ".year", y + " is outside " + year.text());
        } else if (y != null) {
          belongsTo = y;
        }
      }
      if (!node.hasNonNull("summary") && !node.hasNonNull("acceptance")) {
        return !year.known() ? null : new Deadline.YearRound(LocalDate.of(belongsTo, 12, 31));
      }
      LocalDate summary = ctx.requiredDate(node, path, "summary");
      LocalDate acceptance = ctx.requiredDate(node, path, "acceptance");
      if (summary != null) {
        ctx.checkInPlanYear(summary, year, path + ".summary");
      }
      if (acceptance != null) {
        ctx.checkInPlanYear(acceptance, year, path + ".acceptance");
      }
      if (summary != null && acceptance != null && !summary.isBefore(acceptance)) {
        ctx.error(path + ".summary", "half-year summary " + summary + " must come before the acceptance " + acceptance);
        return null;
      }
      return summary == null || acceptance == null ? null : new Deadline.YearRoundWithReviews(summary, acceptance);
    }
    if (node.isContainerNode()) {
      ctx.error(path, "must be " + DEADLINE_FORMS);
      return null;
    }
    LocalDate date = ctx.date(node, path);
    if (date == null) {
      return null;
    }
    ctx.checkInPlanYear(date, year, path);
    return new Deadline.FixedDate(date);
  }

  private static Plan.ResponsiblePerson readPerson(Context ctx, JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      ctx.error(path, "must be a mapping {name, title, phone}");
      return null;
    }
    ctx.allowOnly(node, path, Set.of("name", "title", "phone"));
    String name = ctx.maxLength(ctx.requiredText(node, path, "name"), path + ".name", 50);
    String title = ctx.maxLength(ctx.optionalText(node, path, "title"), path + ".title", 100);
    String phone = ctx.optionalText(node, path, "phone");
    if (phone != null && !PHONE.matcher(phone).matches()) {
      ctx.error(path + ".phone", "'" + phone + "' is not a phone number (digits, +, -, spaces, brackets; 3 to 30)");
      phone = null;
    }
    return name == null ? null : new Plan.ResponsiblePerson(name, title, phone);
  }

  private static List<Plan.Objective> readObjectives(Context ctx, JsonNode node, String path, Span year) {
    List<Plan.Objective> objectives = new ArrayList<>();
    if (node == null || node.isNull()) {
      return objectives;
    }
    if (!node.isArray()) {
      ctx.error(path, "must be a list of {text, value, unit, year}");
      return objectives;
    }
    for (int i = 0; i < node.size(); i++) {
      String itemPath = path + "[" + i + "]";
      JsonNode o = node.get(i);
      if (o.isTextual() && !o.asText().isBlank()) {
        objectives.add(new Plan.Objective(ctx.maxLength(o.asText().trim(), itemPath, 500), null, null, null));
        continue;
      }
      if (!o.isObject()) {
        ctx.error(itemPath, "must be a text or a mapping {text, value, unit, year}");
        continue;
      }
      ctx.allowOnly(o, itemPath, Set.of("text", "value", "unit", "year"));
      String text = ctx.maxLength(ctx.requiredText(o, itemPath, "text"), itemPath + ".text", 500);
      Double value = null;
      if (o.hasNonNull("value")) {
        if (o.get("value").isNumber()) {
          value = o.get("value").asDouble();
        } else {
          ctx.error(itemPath + ".value", "must be a number, not '" + o.get("value").asText() + "'");
        }
      }
      String unit = ctx.maxLength(ctx.optionalText(o, itemPath, "unit"), itemPath + ".unit", 20);
      Integer y = o.hasNonNull("year") ? ctx.integer(o.get("year"), itemPath + ".year", false) : null;
      if (y != null && !year.contains(y)) {
        ctx.error(itemPath + ".year", y + " is outside " + year.text());
        y = null;
      }
      if (text != null) {
        objectives.add(new Plan.Objective(text, value, unit, y));
      }
    }
    return List.copyOf(objectives);
  }

  private static void checkIdentityId(Context ctx, String id, String path) {
    if (id.length() > 40 && IDENTITY_ID.matcher(id.substring(0, 40)).matches()) {
      ctx.error(path, "'" + id + "' is " + id.length() + " characters long; an id may have at most 40");
    } else if (!IDENTITY_ID.matcher(id).matches()) {
      ctx.error(path, "'" + id + "' must start with an ASCII letter and hold only ASCII letters, digits, '-' or '_' (at most 40)");
    } else if (RESERVED_IDS.contains(id)) {
      ctx.error(path, "'" + id + "' is reserved");
    }
  }

  /** Resolves unit ids and group tokens against the plan's units. */
  private static final class UnitRefs {
    private final List<Plan.Unit> units;
    private final Map<String, Plan.Unit> byId = new HashMap<>();
    private final Map<String, Plan.Unit> byName = new HashMap<>();

    UnitRefs(List<Plan.Unit> units) {
      this.units = units;
      for (Plan.Unit u : units) {
        if (u.id() != null) {
          byId.putIfAbsent(u.id(), u);
        }
        if (u.name() != null) {
          byName.putIfAbsent(u.name(), u);
        }
        u.aliases().forEach(a -> byName.putIfAbsent(a, u));
      }
    }

    String resolveOne(Context ctx, String ref, String path) {
      if (byId.containsKey(ref)) {
        return ref;
      }
      Plan.Unit named = byName.get(ref);
      String hint = named == null ? "" : " (did you mean '" + named.id() + "', " + named.name() + "?)";
      ctx.error(path, "unknown unit '" + ref + "'" + hint);
      return null;
    }

    List<String> resolveAll(Context ctx, JsonNode node, String path, boolean allowEmpty) {
      List<String> refs = ctx.textList(node, path);
      LinkedHashSet<String> resolved = new LinkedHashSet<>();
      for (int k = 0; k < refs.size(); k++) {
        String ref = refs.get(k);
        String refPath = path + "[" + k + "]";
        if (ref.equals(TOWNSHIPS) || ref.equals(DEPARTMENTS)) {
          UnitKind kind = ref.equals(TOWNSHIPS) ? UnitKind.TOWNSHIP : UnitKind.DEPARTMENT;
          List<String> members = units.stream().filter(u -> u.kind() == kind && u.id() != null).map(Plan.Unit::id).toList();
          if (members.isEmpty()) {
            ctx.error(refPath, "'" + ref + "' stands for the plan's units of kind " + kind.yamlName()
                + ", but the plan names none: list them as units of kind " + kind.yamlName()
                + ", or name the collective body as one unit of kind other (e.g. {id: "
                + (kind == UnitKind.TOWNSHIP ? "townships, name: 各乡镇" : "departments, name: 县直各部门")
                + ", kind: other}) and use its id");
          }
          resolved.addAll(members);
        } else if (ref.startsWith("@")) {
          ctx.error(refPath, "unknown group '" + ref + "' (use " + TOWNSHIPS + " or " + DEPARTMENTS + ")");
        } else {
          String id = resolveOne(ctx, ref, refPath);
          if (id != null) {
            resolved.add(id);
          }
        }
      }
      return List.copyOf(resolved);
    }
  }

  /** Collects errors while walking the tree. */
  private static final class Context {
    final List<PlanError> errors = new ArrayList<>();
    final List<PlanError> warnings = new ArrayList<>();

    void error(String path, String message) {
      errors.add(new PlanError(path, message));
    }

    void warning(String path, String message) {
      warnings.add(new PlanError(path, message));
    }

    /** Values the database stores in bounded columns are bounded here, so no import fails on a column size. */
    String maxLength(String value, String path, int max) {
      if (value != null && value.length() > max) {
        error(path, "is " + value.length() + " characters long; at most " + max + " are allowed");
        return null;
      }
      return value;
    }

    String optionalText(JsonNode node, String path, String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (value.isContainerNode()) {
        error(path + "." + field, "must be text, not a " + (value.isArray() ? "list" : "mapping"));
        return null;
      }
      String text = value.asText().trim();
      return text.isEmpty() ? null : text;
    }

    void allowOnly(JsonNode node, String path, Set<String> fields) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!fields.contains(name)) {
          error(path.isEmpty() ? name : path + "." + name, "unknown field (expected one of " + String.join(", ", fields.stream().sorted().toList()) + ")");
        }
      }
    }

    String requiredText(JsonNode node, String path, String field) {
      JsonNode value = node.get(field);
      String fieldPath = path.isEmpty() ? field : path + "." + field;
      if (value == null || value.isNull()) {
        error(fieldPath, "is required");
        return null;
      }
      if (value.isContainerNode()) {
        error(fieldPath, "must be text, not a " + (value.isArray() ? "list" : "mapping"));
        return null;
      }
      String text = value.asText().trim();
      if (text.isEmpty()) {
        error(fieldPath, "must not be blank");
        return null;
      }
      return text;
    }

    String email(JsonNode node, String path) {
      if (!node.hasNonNull("email")) {
        return null;
      }
      String email = node.get("email").asText().trim();
      // The mail record's recipient column holds 200 characters: a longer address would go out unrecorded.
      if (email.length() > MAX_MAIL_FIELD) {
        error(path + ".email", "is " + email.length() + " characters long; at most " + MAX_MAIL_FIELD + " are allowed");
        return null;
      }
      if (!EMAIL.matcher(email).matches()) {
        error(path + ".email", "'" + email + "' is not an email address");
        return null;
      }
      return email;
    }

    Integer integer(JsonNode value, String path, boolean required) {
      if (value == null || value.isNull()) {
        if (required) {
          error(path, "is required");
        }
        return null;
      }
      if (value.isIntegralNumber()) {
        return value.asInt();
      }
      if (value.isTextual() && value.asText().trim().matches("-?\\d{1,9}")) {
        return Integer.parseInt(value.asText().trim());
      }
      error(path, "must be a whole number, not '" + value.asText() + "'");
      return null;
    }

    LocalDate requiredDate(JsonNode node, String path, String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        error(path + "." + field, "is required (a date, YYYY-MM-DD)");
        return null;
      }
      return date(value, path + "." + field);
    }

    LocalDate date(JsonNode value, String path) {
      String text = value.asText().trim();
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        error(path, "'" + text + "' is not a date (YYYY-MM-DD)");
        return null;
      }
    }

    /** Dates may run into the next year's first quarter: the winter campaign ends in the next calendar year. */
    void checkInPlanYear(LocalDate date, Span span, String path) {
      if (!span.known()) {
        return;
      }
      if (date.getYear() < span.first() || date.isAfter(LocalDate.of(span.last() + 1, 3, 31))) {
        error(path, date + " is outside " + span.text());
      }
    }

    List<String> textList(JsonNode node, String path) {
      List<String> values = new ArrayList<>();
      if (node == null || node.isNull()) {
        return values;
      }
      if (!node.isArray()) {
        error(path, "must be a list");
        return values;
      }
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (item.isContainerNode() || item.isNull() || item.asText().isBlank()) {
          error(path + "[" + i + "]", "must be a non-blank text");
        } else {
          values.add(item.asText().trim());
        }
      }
      return values;
    }
  }
}

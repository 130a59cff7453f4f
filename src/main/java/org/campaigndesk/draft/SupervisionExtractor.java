package org.campaigndesk.draft;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Listed supervision (挂牌督战) from a table with one row per supervised county, village or site
 * (columns such as 督战县 / …行政村 / …安置点 / 州级领导 / 督战小分队部门牵头人), the phases
 * "（二）打歼灭战阶段（2月1日至6月30日）" with their "——3月底前，…" milestones, and "每月20日前" reports.
 */
final class SupervisionExtractor {

  private static final Pattern PHASE = Pattern.compile("^(\\p{IsHan}{2,10}?)阶段\\s*[（(]([^）)]+)[）)]");
  private static final Pattern REPORT_DAY = Pattern.compile("每月\\s*(\\d{1,2})\\s*日(?:前|之前|以前)");
  private static final Pattern FIGURE_CELL = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(人|户|%|％)$");
  private static final Pattern COUNTY_PREFIX = Pattern.compile("^(\\p{IsHan}{2,4}?(?:县|市))");
  private static final Pattern LOCAL_PREFIX = Pattern.compile("^(\\p{IsHan}{2,4}?(?:县城|县|市|乡|镇|街道))");
  private static final int MILESTONE_TITLE = 60;

  private final DraftContext context;
  private final java.util.Set<String> targetIds = new java.util.HashSet<>();

  SupervisionExtractor(DraftContext context) {
    this.context = context;
  }

  /** The header row's index when the document has a supervision table, else -1. */
  static int tableHeader(List<Paragraph> paragraphs) {
    for (int i = 0; i < paragraphs.size(); i++) {
      Paragraph p = paragraphs.get(i);
      if (p.tableRow() && p.compact().contains("督战") && p.compact().contains("领导")) {
        return i;
      }
    }
    return -1;
  }

  DraftPlan.Supervision extract(List<Paragraph> paragraphs, Outline outline, int header) {
    int year = context.info().lastYear();
    registerCoordinatorOffice(paragraphs);
    List<DraftPlan.Phase> phases = phases(outline, year);
    List<DraftPlan.SupervisionTarget> targets = targets(paragraphs, header);
    int reportDay = 20;
    boolean found = false;
    for (Paragraph p : paragraphs) {
      Matcher m = REPORT_DAY.matcher(p.compact());
      if (m.find()) {
        reportDay = Integer.parseInt(m.group(1));
        found = true;
        break;
      }
    }
    if (!found) {
      context.review().add("supervision.reportDay", "文件未写每月报送日，按每月20日起草", 0);
    }
    return new DraftPlan.Supervision(reportDay, phases, targets);
  }

  /** The leading group's office that receives the reports: 州扶贫办 / 州扶贫开发领导小组办公室. */
  private void registerCoordinatorOffice(List<Paragraph> paragraphs) {
    Pattern office = Pattern.compile("([县州市区])(扶贫办|扶贫开发领导小组办公室)");
    for (Paragraph p : paragraphs) {
      Matcher m = office.matcher(p.compact());
      while (m.find()) {
        context.units().resolve(m.group(), p.line());
      }
    }
  }

  private List<DraftPlan.Phase> phases(Outline outline, int year) {
    List<DraftPlan.Phase> phases = new ArrayList<>();
    List<Outline.Node> nodes = new ArrayList<>();
    outline.root.forEachDescendant(nodes::add);
    for (Outline.Node node : nodes) {
      Matcher m = PHASE.matcher(Texts.compact(node.text()));
      if (!m.find()) {
        continue;
      }
      DatePhrases.Window window = DatePhrases.window(m.group(2), year);
      if (window == null) {
        context.review().add("supervision.phases[" + phases.size() + "]", "无法识别阶段“" + m.group(1) + "”的起止日期", node.line());
        continue;
      }
      List<DraftPlan.Milestone> milestones = new ArrayList<>();
      for (Outline.Node child : node.children) {
        if (child.marker.kind() != Marker.Kind.DASH) {
          continue;
        }
        String text = child.text();
        String[] parts = text.split("[，,]", 2);
        List<LocalDate> dates = DatePhrases.dates(Texts.compact(parts[0]), year);
        if (dates.isEmpty() || parts.length < 2) {
          continue;
        }
        milestones.add(new DraftPlan.Milestone(dates.get(0), milestoneTitle(parts[1])));
      }
      phases.add(new DraftPlan.Phase(m.group(1), window.start(), window.end(), milestones));
    }
    if (phases.isEmpty()) {
      context.review().add("supervision.phases", "未找到督战阶段（“……阶段（起止日期）”），请填写", 0);
    }
    return phases;
  }

  private static String milestoneTitle(String text) {
    String whole = Texts.stripEnd(text);
    if (Texts.compact(whole).length() <= MILESTONE_TITLE) {
      return whole;
    }
    return Texts.stripEnd(whole.split("[，,；;。]", 2)[0]);
  }

  private enum Column { NO, COUNTY, COUNTY_FIGURE, VILLAGE, SITE, HYDRO, LEADERS, SQUAD, OTHER }

  private List<DraftPlan.SupervisionTarget> targets(List<Paragraph> paragraphs, int header) {
    String[] headerCells = paragraphs.get(header).cells();
    Column[] columns = new Column[headerCells.length];
    for (int c = 0; c < headerCells.length; c++) {
      columns[c] = column(Texts.compact(headerCells[c]));
    }
    List<Segment> segments = segments(paragraphs);
    List<DraftPlan.SupervisionTarget> targets = new ArrayList<>();
    String rowCounty = null;
    for (int i = header + 1; i < paragraphs.size() && paragraphs.get(i).tableRow(); i++) {
      Paragraph row = paragraphs.get(i);
      String[] cells = row.cells();
      List<Integer> filled = new ArrayList<>();
      for (int c = 0; c < cells.length; c++) {
        if (!cells[c].isBlank()) {
          filled.add(c);
        }
      }
      if (filled.size() < 3) {
        continue;
      }
      String squadCell = cells[filled.get(filled.size() - 1)];
      String leaderCell = cells[filled.get(filled.size() - 2)];
      String no = columnIndex(columns, Column.NO) >= 0 ? cell(cells, columnIndex(columns, Column.NO)) : "";
      int countyColumn = columnIndex(columns, Column.COUNTY);
      String county = countyColumn >= 0 ? cell(cells, countyColumn) : "";
      if (!county.isEmpty()) {
        rowCounty = county;
      }
      List<DraftPlan.Person> leaders = PersonNames.people(leaderCell);
      List<DraftPlan.Person> squad = PersonNames.people(squadCell);
      List<String> leaderIds = leaders.stream().map(context.leaders()::resolve).toList();
      List<String> squadIds = squad.stream().map(context.leaders()::resolve).toList();
      for (int k = 0; k < filled.size() - 2; k++) {
        int c = filled.get(k);
        String text = Texts.compact(cells[c]);
        if (c == countyColumn || text.equals(no) || text.matches("\\d+")) {
          continue;
        }
        Matcher figure = FIGURE_CELL.matcher(text);
        if (figure.matches()) {
          if (!county.isEmpty()) {
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("remainingPoor", Double.valueOf(figure.group(1)));
            targets.add(target(county, "county", county, figures, leaderIds, squadIds));
          }
          continue;
        }
        Column column = c < columns.length ? columns[c] : Column.OTHER;
        targets.add(site(text, column, rowCounty, segments, leaderIds, squadIds, row.line()));
      }
    }
    if (targets.isEmpty()) {
      context.review().add("supervision.targets", "督战表中未读出督战对象，请填写", paragraphs.get(header).line());
    }
    return targets;
  }

  private DraftPlan.SupervisionTarget site(String name, Column column, String rowCounty, List<Segment> segments,
      List<String> leaderIds, List<String> squadIds, int line) {
    String kind = kindFromName(name);
    String key = null;
    Segment segment = null;
    for (String candidate : placeKeys(name)) {
      for (Segment s : segments) {
        if (s.text.contains(candidate) && (kind == null || kind.equals(s.kind))) {
          segment = s;
          key = candidate;
          break;
        }
      }
      if (segment != null) {
        break;
      }
    }
    if (kind == null) {
      kind = segment != null ? segment.kind : switch (column) {
        case VILLAGE -> "village";
        case HYDRO -> "hydropower-resettlement-site";
        case COUNTY, COUNTY_FIGURE -> "county";
        default -> "resettlement-site";
      };
      if (segment == null) {
        context.review().add("supervision.targets", "“" + name + "”的类别按所在列判断为 " + kind + "，请核对", line);
      }
    }
    Map<String, Double> figures = new LinkedHashMap<>();
    String county = countyOf(name);
    if (segment != null) {
      int at = segment.text.indexOf(key);
      Matcher n = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(人|%|％)").matcher(segment.text.substring(at));
      if (n.find()) {
        figures.put(n.group(2).equals("人") ? (kind.equals("county") ? "remainingPoor" : "population") : "incidence",
            Double.valueOf(n.group(1)));
      }
      if (county == null) {
        Matcher c = Pattern.compile("(\\p{IsHan}{2,3}[县市])(?:\\p{IsHan}{1,4}[乡镇])?" + Pattern.quote(key)).matcher(segment.text);
        if (c.find()) {
          county = c.group(1);
        }
      }
    }
    if (county == null) {
      county = rowCounty;
    }
    return target(name, kind, county, figures, leaderIds, squadIds);
  }

  private DraftPlan.SupervisionTarget target(String name, String kind, String county, Map<String, Double> figures,
      List<String> leaderIds, List<String> squadIds) {
    String squadUnit = context.units().collective(name + "督战小分队", 0);
    String core = kind.equals("county") ? name.replaceAll("(县|市)$", "")
        : withoutPlacePrefix(name).replaceAll("(安置点|村委会|社区|小区|易地扶贫搬迁|集中)", "").replace("水电移民", "水电");
    if (core.isEmpty()) {
      Matcher place = LOCAL_PREFIX.matcher(name);
      core = place.find() ? place.group(1).replaceAll("(县城|县|市|乡|镇|街道)$", "") : name;
    }
    String base = Pinyin.full(core);
    if (base.length() > 30) {
      base = base.substring(0, 30);
    }
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "t" + base;
    }
    String id = base;
    for (int n = 2; !targetIds.add(id); n++) {
      id = base + "-" + n;
    }
    return new DraftPlan.SupervisionTarget(id, name, kind, county, figures, leaderIds, squadIds, squadUnit);
  }

  private static String kindFromName(String name) {
    if (name.contains("水电移民")) {
      return "hydropower-resettlement-site";
    }
    if (name.contains("易地扶贫搬迁")) {
      return "resettlement-site";
    }
    if (name.matches(".*(村委会|行政村|村)$")) {
      return "village";
    }
    if (name.matches("\\p{IsHan}{2,4}[县市]$")) {
      return "county";
    }
    return null;
  }

  /** Ways the text may spell a target: the full name, without county and township (江边乡启宪安置点 → 启宪安置点), its first two characters (启宪). */
  private static List<String> placeKeys(String name) {
    String rest = withoutPlacePrefix(name);
    List<String> keys = new ArrayList<>(List.of(name, rest));
    if (rest.length() > 2) {
      keys.add(rest.substring(0, 2));
    }
    return keys;
  }

  private static String withoutPlacePrefix(String name) {
    String s = name;
    for (int i = 0; i < 2; i++) {
      Matcher m = LOCAL_PREFIX.matcher(s);
      if (m.find() && s.length() - m.end() >= 2) {
        s = s.substring(m.end());
      }
    }
    return s;
  }

  private static String countyOf(String name) {
    Matcher m = COUNTY_PREFIX.matcher(name);
    return m.find() ? m.group(1) : null;
  }

  /** Categories listed in the text: "①…的3个县（武定县3071人…），②…行政村（…），③…易地扶贫搬迁集中安置点（…），④…水电移民安置点（…）". */
  private record Segment(String kind, String text) {}

  private static List<Segment> segments(List<Paragraph> paragraphs) {
    List<Segment> segments = new ArrayList<>();
    for (Paragraph p : paragraphs) {
      String text = p.compact();
      if (p.tableRow() || !text.matches(".*[①②③④⑤⑥].*")) {
        continue;
      }
      for (String part : text.split("[①②③④⑤⑥⑦⑧⑨]")) {
        String kind = part.contains("水电移民") ? "hydropower-resettlement-site"
            : part.contains("安置点") ? "resettlement-site"
            : part.contains("行政村") || part.contains("贫困发生率") ? "village"
            : part.contains("县") ? "county" : null;
        if (kind != null) {
          segments.add(new Segment(kind, part));
        }
      }
    }
    return segments;
  }

  private static Column column(String header) {
    if (header.matches("序号|编号")) {
      return Column.NO;
    }
    if (header.contains("小分队") || header.contains("牵头人")) {
      return Column.SQUAD;
    }
    if (header.contains("领导")) {
      return Column.LEADERS;
    }
    if (header.contains("水电移民")) {
      return Column.HYDRO;
    }
    if (header.contains("安置点")) {
      return Column.SITE;
    }
    if (header.contains("村")) {
      return Column.VILLAGE;
    }
    if (header.contains("贫困人口")) {
      return Column.COUNTY_FIGURE;
    }
    if (header.contains("县") || header.contains("市")) {
      return Column.COUNTY;
    }
    return Column.OTHER;
  }

  private static int columnIndex(Column[] columns, Column wanted) {
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String cell(String[] cells, int column) {
    return column < 0 || column >= cells.length ? "" : Texts.compact(cells[column]);
  }
}

package org.campaigndesk.draft;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan's campaigns (time boxes): sections such as "（一）春季攻势行动（2月至4月）主要内容：一是…；二是…",
 * windows from the section or from an overview ("春季攻势行动（1月—3月）、…冬季决战行动（10月—次年1月）"),
 * one item per 一是/二是/…, with the units named as the subject of a clause. Without named
 * campaigns, a sentence of windows ("1至2月组织启动，3至6月打歼灭战，…") gives campaigns without items.
 */
final class CampaignExtractor {

  private static final String CAMPAIGN_WORD = "(?:攻势行动|会战行动|战役行动|行动|攻势|战役|会战|攻坚战)";
  private static final Pattern NAMED_WINDOW = Pattern.compile("(\\p{IsHan}{2,14}?" + CAMPAIGN_WORD + ")\\s*[（(]([^）)]{2,20})[）)]");
  private static final Pattern SECTION = Pattern.compile(
      "^(\\p{IsHan}{2,16}?" + CAMPAIGN_WORD + ")\\s*(?:[（(]([^）)]*)[）)])?\\s*(?:的)?(?:主要内容|工作内容|重点工作|主要任务|工作重点|重点任务|内容|任务)?\\s*[：:。]?\\s*(.*)$");
  private static final Pattern WINDOW_PHRASE = Pattern.compile(
      "(\\d{1,2})\\s*(?:月)?\\s*(?:至|到|[—\\-－–~～]+)\\s*(次年)?(\\d{1,2})\\s*月(?:份)?\\s*(\\p{IsHan}{2,8}?)(?=[，,；;。、]|$)");
  private static final Pattern LEADING_WORDS = Pattern.compile("^(有计划|有步骤地|在全县|全县|开展|组织|实施|脱贫攻坚|扶贫|集中|深入|扎实|地|的|和|在|了)+");
  private static final String ORDINALS = "一二三四五六七八九十";

  private final DraftContext context;
  private final Set<String> usedIds = new HashSet<>();

  CampaignExtractor(DraftContext context) {
    this.context = context;
  }

  List<DraftPlan.Campaign> extract(List<Paragraph> paragraphs, Outline outline) {
    int year = context.info().multiYear() ? context.info().yearFrom() : context.info().year();
    Map<String, DatePhrases.Window> overview = overviewWindows(paragraphs, year);
    List<DraftPlan.Campaign> campaigns = new ArrayList<>();
    List<Outline.Node> nodes = new ArrayList<>();
    outline.root.forEachDescendant(nodes::add);
    for (Outline.Node node : nodes) {
      Matcher m = SECTION.matcher(node.text());
      if (!m.matches()) {
        continue;
      }
      StringBuilder content = new StringBuilder(m.group(3));
      node.body.forEach(p -> content.append(p.text()));
      boolean ordinals = content.toString().contains("一是");
      if (!ordinals && node.children.isEmpty()) {
        continue;
      }
      String name = trimName(m.group(1));
      String path = "campaigns[" + campaigns.size() + "]";
      DatePhrases.Window window = m.group(2) == null ? null : DatePhrases.window(m.group(2), year);
      if (window == null) {
        window = find(overview, name);
      }
      if (window == null && (!ordinals || season(name) == null)) {
        continue; // a "…行动" section with neither a window nor a season is a line of work, not a time box
      }
      LocalDate start = window == null ? null : window.start();
      LocalDate end = window == null ? null : window.end();
      if (window == null) {
        context.review().add(path + ".start", "未找到“" + name + "”的起止月份，请填写 start 和 end", node.line());
      }
      List<DraftPlan.Item> items = ordinals ? items(content.toString(), path, node.line())
          : numberedItems(node, path);
      campaigns.add(new DraftPlan.Campaign(campaignId(name), name, start, end, items));
    }
    if (campaigns.isEmpty()) {
      campaigns.addAll(fromWindowSentence(paragraphs, year));
    }
    return campaigns;
  }

  private Map<String, DatePhrases.Window> overviewWindows(List<Paragraph> paragraphs, int year) {
    Map<String, DatePhrases.Window> windows = new LinkedHashMap<>();
    for (Paragraph p : paragraphs) {
      Matcher m = NAMED_WINDOW.matcher(p.text());
      while (m.find()) {
        DatePhrases.Window window = DatePhrases.window(m.group(2), year);
        if (window != null) {
          windows.putIfAbsent(trimName(m.group(1)), window);
        }
      }
    }
    return windows;
  }

  private static DatePhrases.Window find(Map<String, DatePhrases.Window> overview, String name) {
    DatePhrases.Window exact = overview.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, DatePhrases.Window> e : overview.entrySet()) {
      if (e.getKey().endsWith(name) || name.endsWith(e.getKey()) || season(e.getKey()) != null && season(e.getKey()).equals(season(name))) {
        return e.getValue();
      }
    }
    return null;
  }

  /** "开展脱贫攻坚春季攻势行动" → "春季攻势行动". */
  static String trimName(String raw) {
    String name = Texts.compact(raw);
    Matcher season = Pattern.compile("[春夏秋冬]季").matcher(name);
    if (season.find()) {
      return name.substring(season.start());
    }
    String trimmed = LEADING_WORDS.matcher(name).replaceAll("");
    return trimmed.length() >= 3 ? trimmed : name;
  }

  private static String season(String name) {
    Matcher m = Pattern.compile("([春夏秋冬])季").matcher(name);
    return m.find() ? m.group(1) : null;
  }

  private String campaignId(String name) {
    String s = season(name);
    String base = s == null ? Pinyin.initials(name) : switch (s) {
      case "春" -> "spring";
      case "夏" -> "summer";
      case "秋" -> "autumn";
      default -> "winter";
    };
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "c" + base;
    }
    String id = base;
    for (int n = 2; !usedIds.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  /** Splits "一是…；二是…" at the ordinals in sequence (so 这是/还是 inside an item do not split it). */
  private List<DraftPlan.Item> items(String content, String path, int line) {
    List<Integer> starts = new ArrayList<>();
    int from = 0;
    for (int n = 1; ; n++) {
      String ordinal = ordinal(n) + "是";
      int at = content.indexOf(ordinal, from);
      if (at < 0) {
        break;
      }
      starts.add(at);
      from = at + ordinal.length();
    }
    List<DraftPlan.Item> items = new ArrayList<>();
    for (int i = 0; i < starts.size(); i++) {
      int begin = starts.get(i) + ordinal(i + 1).length() + 1;
      int end = i + 1 < starts.size() ? starts.get(i + 1) : content.length();
      items.add(item(Texts.stripEnd(content.substring(begin, end)), path, i, line));
    }
    return items;
  }

  /** Items written as numbered paragraphs under the campaign's heading ("1. …", "（1）…"). */
  private List<DraftPlan.Item> numberedItems(Outline.Node node, String path) {
    List<DraftPlan.Item> items = new ArrayList<>();
    for (Outline.Node child : node.children) {
      StringBuilder text = new StringBuilder(child.text());
      child.body.forEach(p -> text.append(p.text()));
      items.add(item(Texts.stripEnd(text.toString()), path, items.size(), child.line()));
    }
    return items;
  }

  private DraftPlan.Item item(String title, String path, int index, int line) {
    List<String> units = clauseSubjects(title);
    if (units.isEmpty()) {
      context.review().add(path + ".items[" + index + "].units", "此项未点名单位，请指定负责单位：" + abbreviate(title), line);
    }
    return new DraftPlan.Item(title, units, Figures.targets(title, context.info()));
  }

  private static String ordinal(int n) {
    if (n <= 10) {
      return n == 10 ? "十" : String.valueOf(ORDINALS.charAt(n - 1));
    }
    return n < 20 ? "十" + ORDINALS.charAt(n - 11) : String.valueOf(ORDINALS.charAt(n / 10 - 1)) + "十" + (n % 10 == 0 ? "" : ORDINALS.charAt(n % 10 - 1));
  }

  private static String abbreviate(String text) {
    return text.length() > 30 ? text.substring(0, 30) + "…" : text;
  }

  private static final Pattern TOWNSHIP_SUBJECT = Pattern.compile("^(?:各)?乡镇(?:[（(]街道[）)])?(?:党委、?政府|党委|政府)?");
  private static final Pattern DEPARTMENT_SUBJECT = Pattern.compile("^(?:各)?(?:县级|县直|州级|州直|市级|市直)?(?:各|相关|有关)?(?:行业扶贫|行业|职能)?部门");

  private static final Pattern UNIT_SUBJECT = Pattern.compile(
      "^(?:(?:县|州|市|区)\\p{IsHan}{1,12}?(?:局|办|委员会|部|院|中心|联|总工会|工会)|各\\p{IsHan}{1,8}?(?:单位|银行|工作队))"
      + "(?=[和与及、]|[^\\p{IsHan}]|开展|组织|负责|牵头|完成|做好|抓好|推进|落实|制定|研究|全面|认真|深入|扎实|加强|会同|联合|盘清|上报|$)");

  /** The units that are the subject of a clause: "乡镇和行业扶贫部门研究制定…", "各挂包单位、挂包干部全面盘清…". */
  List<String> clauseSubjects(String text) {
    List<String> refs = new ArrayList<>();
    for (String clause : text.split("[，,；;。：:]")) {
      String rest = clause.strip().replaceAll("^(由|请|要求)", "");
      while (!rest.isEmpty()) {
        String matched = null;
        String ref = null;
        Matcher t = TOWNSHIP_SUBJECT.matcher(rest);
        Matcher d = DEPARTMENT_SUBJECT.matcher(rest);
        if (t.find()) {
          matched = t.group();
          ref = UnitNames.TOWNSHIPS;
        } else if (d.find()) {
          matched = d.group();
          ref = UnitNames.DEPARTMENTS;
        } else {
          Matcher named = UNIT_SUBJECT.matcher(rest);
          if (named.find() && context.units().known(named.group()).isEmpty()) {
            context.units().resolve(named.group(), 0);
          }
          for (DraftPlan.Unit.Builder unit : context.units().all()) {
            for (String spelling : unit.spellings()) {
              if (rest.startsWith(spelling) && (matched == null || spelling.length() > matched.length())) {
                matched = spelling;
                ref = unit.id;
              }
            }
          }
        }
        if (matched == null) {
          break;
        }
        if (!refs.contains(ref)) {
          refs.add(ref);
        }
        rest = rest.substring(matched.length());
        if (rest.startsWith("和") || rest.startsWith("、") || rest.startsWith("及") || rest.startsWith("与")) {
          rest = rest.substring(1);
        } else {
          break;
        }
      }
    }
    return refs;
  }

  private List<DraftPlan.Campaign> fromWindowSentence(List<Paragraph> paragraphs, int year) {
    for (Paragraph p : paragraphs) {
      Matcher m = WINDOW_PHRASE.matcher(p.text());
      List<DraftPlan.Campaign> found = new ArrayList<>();
      while (m.find()) {
        int from = Integer.parseInt(m.group(1));
        int to = Integer.parseInt(m.group(3));
        if (from < 1 || from > 12 || to < 1 || to > 12) {
          continue;
        }
        int endYear = m.group(2) != null || to < from ? year + 1 : year;
        String name = m.group(4);
        found.add(new DraftPlan.Campaign(campaignId(name), name, LocalDate.of(year, from, 1),
            java.time.YearMonth.of(endYear, to).atEndOfMonth(), List.of()));
      }
      if (found.size() >= 2) {
        context.review().add("campaigns", "时间段取自“" + abbreviate(p.compact()) + "”，没有主要内容，请补充各阶段的事项", p.line());
        return found;
      }
      usedIds.clear();
    }
    return List.of();
  }
}

package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drafts a plan file from a plan document (Word, PDF text layer or text): rules over the document's
 * structure and dictionaries of unit suffixes, Chinese numerals and date phrases. It never imports;
 * everything it could not fill or is unsure of goes to the review list with its source line.
 */
public final class PlanDrafter {

  private static final Set<String> RESERVED_IDS = Set.of("admin", "coordinators", "discipline-commission",
      "inspection-team", "leaders", "province");
  private static final Pattern TOWNSHIP_MENTION = Pattern.compile(
      "(?:(?<=[，。；：、\\s“（(对在由向到从和与])|^)(\\p{IsHan}{2,3}(?:镇|乡))(?=[\\p{IsHan}（(，、；。])(?![村镇级联]|[（(]镇)");
  private static final Pattern NOT_A_TOWNSHIP = Pattern.compile(
      "^[各全本每该城县乡镇村其].*|^(城镇|集镇|小城镇|市镇|村镇)$|.*(乡镇|城乡|县乡).*"
      + "|^(鼓励|讲好|树好|实行|实施|开发|发展|加快|贫困|推进|建设|扶持|巩固|深入|全面|带动|组织|覆盖|服务|美丽|特色|重点|示范).*");

  private PlanDrafter() {}

  public static DraftResult draft(String fileName, byte[] content) {
    return draft(fileName, DocumentReaders.read(fileName, content));
  }

  public static DraftResult draft(String fileName, SourceDocument document) {
    ReviewList review = new ReviewList();
    List<Paragraph> paragraphs = Paragraphs.of(document);
    if (paragraphs.isEmpty()) {
      throw new UnreadableDocumentException("文件中没有文字");
    }
    int supervisionHeader = SupervisionExtractor.tableHeader(paragraphs);
    DraftPlan.Info info = HeaderExtractor.extract(paragraphs, supervisionHeader >= 0, review);
    String prefix = info.regionName() == null ? "" : Pinyin.initials(HeaderExtractor.regionCore(info.regionName()));
    DraftContext context = new DraftContext(info, new UnitDirectory(prefix, RESERVED_IDS), new LeaderDirectory(RESERVED_IDS), review);
    Outline outline = Outline.of(paragraphs);

    List<DraftPlan.Task> tasks = new TaskExtractor(context).extract(paragraphs, outline);
    DraftPlan.Supervision supervision = null;
    List<DraftPlan.Campaign> campaigns = List.of();
    if (supervisionHeader >= 0) {
      supervision = new SupervisionExtractor(context).extract(paragraphs, outline, supervisionHeader);
    } else {
      campaigns = new CampaignExtractor(context).extract(paragraphs, outline);
    }
    if (usesToken(tasks, campaigns, UnitNames.TOWNSHIPS)) {
      registerTownshipsNamedInText(paragraphs, context);
    }
    tasks = replaceTokensWithoutMembers(tasks, campaigns, context, UnitNames.TOWNSHIPS, "township", "各乡镇");
    campaigns = replaceTokensInCampaigns(campaigns, context, UnitNames.TOWNSHIPS, "township", "各乡镇");
    tasks = replaceTokensWithoutMembers(tasks, campaigns, context, UnitNames.DEPARTMENTS, "department", "县级各部门");
    campaigns = replaceTokensInCampaigns(campaigns, context, UnitNames.DEPARTMENTS, "department", "县级各部门");
    if (tasks.isEmpty() && supervision == null) {
      review.add("tasks", "没有起草出任何重点工作，导入前请至少填写一项", 0);
    }

    List<DraftPlan.Unit> units = new ArrayList<>();
    for (DraftPlan.Unit.Builder unit : context.units().all()) {
      if (!UnitNames.kindIsClear(unit.name)) {
        review.add("units[" + units.size() + "].kind", "无法从名称判断“" + unit.name + "”的类别，暂定 other", unit.sourceLine);
      }
      units.add(unit.build());
    }
    if (units.isEmpty()) {
      review.add("units", "文件中未找到任何单位，请至少填写一个", 0);
    } else {
      review.add("units", "邮箱是占位地址（example.org），导入前请改为各单位联络员的真实邮箱", 0);
    }
    List<DraftPlan.Leader> leaders = context.leaders().all();
    if (!leaders.isEmpty() && leaders.stream().allMatch(l -> l.title() == null)) {
      review.add("leaders", "文件未写领导职务（title），需要时请补充", 0);
    }
    DraftPlan plan = new DraftPlan(info, units, leaders, campaigns, tasks,
        HeaderExtractor.progressReportDates(paragraphs, info), supervision);
    String domain = (info.regionId() == null ? "" : info.regionId() + ".") + "example.org";
    return new DraftResult(DraftYamlWriter.write(plan, fileName, domain), review.items(), plan);
  }

  private static boolean usesToken(List<DraftPlan.Task> tasks, List<DraftPlan.Campaign> campaigns, String token) {
    return tasks.stream().anyMatch(t -> t.units().contains(token))
        || campaigns.stream().flatMap(c -> c.items().stream()).anyMatch(i -> i.units().contains(token));
  }

  /** The townships a plan lists in its text ("其中：高峰乡新增…；恐龙山镇发展…") are the members of "@townships". */
  private static void registerTownshipsNamedInText(List<Paragraph> paragraphs, DraftContext context) {
    for (Paragraph p : paragraphs) {
      if (p.tableRow()) {
        continue;
      }
      Matcher m = TOWNSHIP_MENTION.matcher(p.compact());
      while (m.find()) {
        String name = m.group(1);
        if (name.length() >= 4 && "对在由向到从与".indexOf(name.charAt(0)) >= 0) {
          name = name.substring(1);
        }
        if (!NOT_A_TOWNSHIP.matcher(name).matches()) {
          context.units().resolve(name, p.line());
        }
      }
    }
  }

  /** A group token with no unit of its kind is an error on import: the collective becomes a unit of kind other. */
  private static List<DraftPlan.Task> replaceTokensWithoutMembers(List<DraftPlan.Task> tasks, List<DraftPlan.Campaign> campaigns,
      DraftContext context, String token, String kind, String collectiveName) {
    if (context.units().hasKind(kind) || !usesToken(tasks, campaigns, token)) {
      return tasks;
    }
    String id = context.units().collective(collectiveName, 0);
    context.review().add("units", "文件只写了“" + collectiveName + "”而未列出具体单位，已作为一个集体单位（kind other）起草；列出各单位后可改用 " + token, 0);
    return tasks.stream().map(t -> new DraftPlan.Task(t.no(), t.title(), t.description(), t.leadLeaders(), t.leadUnits(),
        t.units().stream().map(u -> u.equals(token) ? id : u).distinct().toList(), t.deadline(), t.responsiblePerson(),
        t.targets(), t.year(), t.sourceLine())).toList();
  }

  private static List<DraftPlan.Campaign> replaceTokensInCampaigns(List<DraftPlan.Campaign> campaigns, DraftContext context,
      String token, String kind, String collectiveName) {
    if (context.units().hasKind(kind)) {
      return campaigns;
    }
    String id = context.units().known(collectiveName).orElse(null);
    if (id == null) {
      if (campaigns.stream().flatMap(c -> c.items().stream()).noneMatch(i -> i.units().contains(token))) {
        return campaigns;
      }
      id = context.units().collective(collectiveName, 0);
    }
    String unitId = id;
    return campaigns.stream().map(c -> new DraftPlan.Campaign(c.id(), c.name(), c.start(), c.end(),
        c.items().stream().map(i -> new DraftPlan.Item(i.title(),
            i.units().stream().map(u -> u.equals(token) ? unitId : u).distinct().toList(), i.targets())).toList()))
        .toList();
  }
}

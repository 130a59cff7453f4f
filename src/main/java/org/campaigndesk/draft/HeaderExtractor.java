package org.campaigndesk.draft;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plan's head from the notice and title: document number (禄扶组发〔2020〕3号), issuer (the
 * signature before the date of issue, else the notice's sender or letterhead), date of issue, title,
 * year or span of years (2018—2020年), and the region (county or prefecture) it belongs to.
 */
final class HeaderExtractor {

  private static final Pattern DOCUMENT_NO = Pattern.compile("\\p{IsHan}{1,12}[〔\\[［【(（]\\s*\\d{4}\\s*[〕\\]］】)）]\\s*\\d{1,4}\\s*号");
  private static final Pattern PRINTED_LINE = Pattern.compile("^.{0,30}?(\\d{4})年(\\d{1,2})月(\\d{1,2})日印发$");
  private static final Pattern DATE_LINE = Pattern.compile("^(\\d{4})年(\\d{1,2})月(\\d{1,2})日$");
  private static final Pattern ORGANISATION = Pattern.compile("^[\\p{IsHan}（）()]{4,30}(小组|办公室|委员会|人民政府|政府|局|委|办|部|中心|指挥部|党委|党组)$");
  private static final Pattern NOTICE_SENDER = Pattern.compile("^(.+?)关于(印发|下发|转发)");
  private static final Pattern PLAN_TITLE = Pattern.compile(".{4,60}(方案|计划|规划|要点|意见|安排|清单|办法)([（(][^）)]{2,20}[）)])?$");
  private static final Pattern YEAR_SPAN = Pattern.compile("(\\d{4})\\s*[—\\-－–~～至到]+\\s*(\\d{4})\\s*年");
  private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年");
  private static final Pattern REGION = Pattern.compile("^(?:中共)?(\\p{IsHan}{2,10}?(?:自治县|自治州|自治旗|县|州|市|区|旗))");
  private static final Pattern PROGRESS = Pattern.compile(".*(进展|进度).*");
  private static final int HEAD = 40;
  private static final int MAX_REGION_ID = 20;

  private HeaderExtractor() {}

  static DraftPlan.Info extract(List<Paragraph> paragraphs, boolean supervision, ReviewList review) {
    int head = Math.min(HEAD, paragraphs.size());
    String documentNo = null;
    for (int i = 0; i < head && documentNo == null; i++) {
      Matcher m = DOCUMENT_NO.matcher(paragraphs.get(i).compact());
      if (m.find() && paragraphs.get(i).compact().length() <= 30) {
        documentNo = m.group();
      }
    }
    LocalDate issued = null;
    int issuedIndex = -1;
    for (int i = 0; i < head; i++) {
      Matcher m = DATE_LINE.matcher(paragraphs.get(i).compact());
      if (m.matches()) {
        issued = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        issuedIndex = i;
        break;
      }
    }
    if (issued == null) {
      for (int i = paragraphs.size() - 1; i >= Math.max(head, paragraphs.size() - 12); i--) {
        Matcher m = DATE_LINE.matcher(paragraphs.get(i).compact());
        if (m.matches()) {
          issued = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
          issuedIndex = i;
          break;
        }
      }
    }
    if (issued == null) {
      for (Paragraph p : paragraphs) {
        Matcher m = PRINTED_LINE.matcher(p.compact());
        if (m.matches()) {
          issued = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
          review.add("plan.issued", "未找到成文日期，取印发日期 " + issued, p.line());
          break;
        }
      }
    }
    String notice = null;
    String title = null;
    int titleLine = 0;
    for (int i = 0; i < head; i++) {
      String text = paragraphs.get(i).compact();
      if (text.matches(".*(通知|通报|函)$") && text.length() <= 80) {
        notice = notice == null ? text : notice;
        continue;
      }
      if (title == null && PLAN_TITLE.matcher(text).matches() && !text.matches(".*[，。；：:,].*")
          && paragraphs.get(i).marker() == null
          && !text.startsWith("关于") && !text.startsWith("附件") && !text.contains("印发")) {
        title = text;
        titleLine = paragraphs.get(i).line();
      }
    }
    if (title == null && notice != null) {
      Matcher quoted = Pattern.compile("《(.+?)》").matcher(notice);
      if (quoted.find()) {
        title = quoted.group(1);
      }
      review.add("plan.title", "未找到单独的标题行，标题取自通知中的书名号，请核对", 0);
    }
    if (title == null) {
      review.add("plan.title", "未找到计划标题，请填写", 0);
    }
    String issuer = issuer(paragraphs, issuedIndex, notice, head);
    if (issuer == null) {
      review.add("plan.issuer", "未找到发文单位，请填写", 0);
    }
    if (documentNo == null) {
      review.add("plan.documentNo", "未找到文号（如“某扶组发〔2020〕3号”），请填写", 0);
    }
    if (issued == null) {
      review.add("plan.issued", "未找到成文日期（可不填）", 0);
    }
    Integer year = null;
    Integer from = null;
    Integer to = null;
    String yearSource = title != null ? title : "";
    Matcher span = YEAR_SPAN.matcher(yearSource);
    Matcher single = YEAR.matcher(yearSource);
    if (span.find()) {
      from = Integer.valueOf(span.group(1));
      to = Integer.valueOf(span.group(2));
    } else if (single.find()) {
      year = Integer.valueOf(single.group(1));
    } else if (documentNo != null) {
      Matcher y = Pattern.compile("(\\d{4})").matcher(documentNo);
      y.find();
      year = Integer.valueOf(y.group(1));
    } else if (issued != null) {
      year = issued.getYear();
      review.add("plan.year", "标题中没有年份，按成文日期取 " + year, titleLine);
    } else {
      year = LocalDate.now().getYear();
      review.add("plan.year", "文件中没有年份，暂按今年 " + year + " 起草，请核对", 0);
    }
    String regionName = null;
    for (String source : new String[] {title, issuer}) {
      if (source != null && regionName == null) {
        Matcher r = REGION.matcher(source);
        if (r.find()) {
          regionName = r.group(1);
        }
      }
    }
    String regionId = regionName == null ? null : Pinyin.full(regionCore(regionName));
    if (regionId != null && regionId.length() > MAX_REGION_ID) {
      regionId = regionId.substring(0, MAX_REGION_ID);
    }
    if (regionName == null) {
      review.add("plan.region", "未能从标题或发文单位判断所属县（region），请填写", titleLine);
    }
    String yearPart = year != null ? String.valueOf(year) : from + "-" + to;
    String id = (regionId == null ? "plan" : regionId) + "-" + yearPart + (supervision ? "-supervision" : "");
    if (id.length() > 40) {
      id = id.substring(0, 40).replaceAll("-+$", "");
    }
    return new DraftPlan.Info(id, title, issuer, documentNo, issued, year, from, to, regionId, regionName);
  }

  /** 本溪满族自治县 → 本溪, 禄丰县 → 禄丰, 楚雄州 → 楚雄. */
  static String regionCore(String regionName) {
    String core = regionName.replaceAll("^(\\p{IsHan}{2,}?)(\\p{IsHan}{1,3}族)+自治(县|州|旗)$", "$1").replaceAll("(自治县|自治州|县|州|市|区|旗)$", "");
    return core.length() >= 2 ? core : regionName;
  }

  private static String issuer(List<Paragraph> paragraphs, int issuedIndex, String notice, int head) {
    if (issuedIndex > 0) {
      List<String> signature = new ArrayList<>();
      for (int i = issuedIndex - 1; i >= 0 && i >= issuedIndex - 4; i--) {
        String text = paragraphs.get(i).compact();
        if (ORGANISATION.matcher(text).matches()) {
          signature.add(0, text);
        } else {
          break;
        }
      }
      if (!signature.isEmpty()) {
        return String.join("、", signature);
      }
    }
    if (notice != null) {
      Matcher m = NOTICE_SENDER.matcher(notice);
      if (m.find()) {
        return m.group(1).replaceAll("办公室(?=\\p{IsHan})", "办公室、").replaceAll("、$", "");
      }
    }
    for (int i = 0; i < head; i++) {
      String text = paragraphs.get(i).compact();
      if (text.endsWith("文件") && text.length() <= 30) {
        return text.substring(0, text.length() - 2);
      }
    }
    return null;
  }

  /** "请各牵头责任单位分别于3月20日、6月20日、9月20日前…报送工作进展情况" → those dates. */
  static List<LocalDate> progressReportDates(List<Paragraph> paragraphs, DraftPlan.Info info) {
    for (Paragraph p : paragraphs) {
      String text = p.compact();
      if (PROGRESS.matcher(text).matches() && text.contains("报")) {
        for (String sentence : text.split("[。；]")) {
          if (PROGRESS.matcher(sentence).matches()) {
            List<LocalDate> dates = DatePhrases.dates(sentence, info.lastYear());
            if (dates.size() >= 2) {
              return dates.stream().sorted().distinct().toList();
            }
          }
        }
      }
    }
    return List.of();
  }
}

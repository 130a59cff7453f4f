package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Dictionary rules for the names of organisations: splitting a list of units, collective wordings
 * that stand for every township or department, the kind of a unit by its name, and whether two
 * spellings name the same organisation.
 */
final class UnitNames {

  static final String TOWNSHIPS = "@townships";
  static final String DEPARTMENTS = "@departments";

  private static final Pattern TOWNSHIP_COLLECTIVE = Pattern.compile(
      "^(全县|全州|全市)?(各|所有)?乡[（(]?镇?[）)]?([（(]?街道[）)]?)?(党委|人民政府|政府|党委政府)*$");
  private static final Pattern TOWNSHIP_COLLECTIVE_FULL = Pattern.compile(
      "各乡[（(]?镇[）)]?([（(]街道[）)])?(党委)?[、，]?(人民)?政府");
  private static final Pattern DEPARTMENT_COLLECTIVE = Pattern.compile(
      "^(县级|县直|州级|州直|市级|市直|区级|区直)?(各|相关|有关|各有关|各相关|其他)?(行业扶贫|行业|职能)?(部门|部门单位)$");
  private static final Pattern LEAD_MARK = Pattern.compile("[（(]\\s*牵头\\s*[）)]");
  private static final Pattern DEPARTMENT_UNITS_COLLECTIVE = Pattern.compile(
      "^(县级|县直|州级|州直|市级|市直|区级|区直)(各|相关|有关|各有关|各相关|其他)?单位$");
  private static final Pattern SPLIT = Pattern.compile("[、，,；;/\\s]+");
  private static final Pattern JOINT_OFFICE = Pattern.compile("([县州市区])委、\\1政府(督查室|办公室|督导室)");
  private static final String LEVEL = "县州市区旗";
  private static final Pattern OTHER_WORDS = Pattern.compile(
      ".*(成员单位|银行|支行|分行|公司|慈善|工作队|调查队|分局|小分队|企业|合作社|协会|驻村|两委|挂包单位|帮扶单位).*");
  private static final Pattern TOWNSHIP_END = Pattern.compile(".*(乡|镇|街道|街道办事处|办事处)$");
  private static final Pattern DEPARTMENT_END = Pattern.compile(".*(局|办|委|部|院|中心|室|联|会|处|所|站|团|厅|组|社|馆|台)$");

  private UnitNames() {}

  /** "县财政局、县扶贫办，各乡镇党委、政府" → [县财政局, 县扶贫办, 各乡镇]. */
  static List<String> split(String value) {
    String s = LEAD_MARK.matcher(value).replaceAll("");
    s = TOWNSHIP_COLLECTIVE_FULL.matcher(s).replaceAll("各乡镇");
    s = JOINT_OFFICE.matcher(s).replaceAll("$1委$2、$1政府$2");
    List<String> names = new ArrayList<>();
    for (String piece : SPLIT.split(s)) {
      String name = piece.strip()
          .replaceAll("^(以及|及|由|和|与|并)", "")
          .replaceAll("(等|牵头|负责|参与|配合|共同)$", "")
          .replaceAll("[。；：:\"“”]", "");
      if (name.startsWith("各乡镇") && name.length() > 3 && !TOWNSHIP_COLLECTIVE.matcher(name).matches()) {
        names.add("各乡镇");
        name = name.substring(3);
      }
      if (name.length() >= 2) {
        names.add(name);
      }
    }
    return names;
  }

  /** The names a list marks as leading: "县农业农村局（牵头）、县财政局" → [县农业农村局]. */
  static List<String> markedAsLead(String value) {
    List<String> leads = new ArrayList<>();
    for (String piece : SPLIT.split(value)) {
      if (LEAD_MARK.matcher(piece).find()) {
        leads.addAll(split(piece));
      }
    }
    return leads;
  }

  /** The group token a collective wording stands for, or null. */
  static String token(String name) {
    if (TOWNSHIP_COLLECTIVE.matcher(name).matches()) {
      return TOWNSHIPS;
    }
    if (DEPARTMENT_COLLECTIVE.matcher(name).matches() && name.length() >= 3
        || DEPARTMENT_UNITS_COLLECTIVE.matcher(name).matches()) {
      return DEPARTMENTS;
    }
    return null;
  }

  /** department, township or other, guessed from the name's ending and wording. */
  static String kind(String name) {
    if (name.startsWith("各") || name.startsWith("其他") || OTHER_WORDS.matcher(name).matches()) {
      return "other";
    }
    if (TOWNSHIP_END.matcher(name).matches() && !name.matches(".*(局|委|部|中心)办事处$")) {
      return "township";
    }
    boolean local = LEVEL.indexOf(name.charAt(0)) >= 0 || name.matches("^(团|中共)[县州市区].*");
    if (local && DEPARTMENT_END.matcher(name).matches()) {
      return "department";
    }
    return "other";
  }

  /** Whether the kind was read from a clear ending (局/办/乡/镇 …) rather than a fallback. */
  static boolean kindIsClear(String name) {
    return !kind(name).equals("other") || name.startsWith("各") || OTHER_WORDS.matcher(name).matches();
  }

  /** Two spellings of one organisation: 县扶贫办 / 县扶贫开发领导小组办公室, 县人力资源和社会保障局 / 县人力资源社会保障局, 财政局 / 县财政局. */
  static boolean sameOrganisation(String a, String b) {
    String ca = canonical(a);
    String cb = canonical(b);
    if (ca.equals(cb)) {
      return true;
    }
    if (!kind(a).equals(kind(b)) && !(kind(a).equals("other") || kind(b).equals("other"))) {
      return false;
    }
    String shorter = ca.length() <= cb.length() ? ca : cb;
    String longer = shorter == ca ? cb : ca;
    if (shorter.length() < 3 || shorter.charAt(shorter.length() - 1) != longer.charAt(longer.length() - 1)) {
      return false;
    }
    if (shorter.charAt(0) != longer.charAt(0)) {
      if (LEVEL.indexOf(longer.charAt(0)) < 0 || LEVEL.indexOf(shorter.charAt(0)) >= 0) {
        return false;
      }
      longer = longer.substring(1);
    }
    return isSubsequence(shorter, longer) && !(a.startsWith("各") ^ b.startsWith("各"));
  }

  private static String canonical(String name) {
    return name.replaceAll("[和与及的]", "").replaceAll("办公室$", "办").replaceAll("街道办事处$", "办事处");
  }

  private static boolean isSubsequence(String shorter, String longer) {
    int i = 0;
    for (int j = 0; j < longer.length() && i < shorter.length(); j++) {
      if (shorter.charAt(i) == longer.charAt(j)) {
        i++;
      }
    }
    return i == shorter.length();
  }

  /** The part of a name ids are made from: 县农业农村局 → 农业农村局, 金山镇 → 金山, 各挂包单位 → 挂包单位. */
  static String core(String name, String kind) {
    String s = name.replaceAll("^(各|其他|中共)", "");
    if (kind.equals("township")) {
      s = s.replaceAll("(街道办事处|办事处|街道|乡|镇)$", "");
      return s.isEmpty() ? name : s;
    }
    if (s.length() > 2 && LEVEL.indexOf(s.charAt(0)) >= 0) {
      s = s.substring(1);
    }
    return s.replaceAll("[和与及的]", "");
  }
}

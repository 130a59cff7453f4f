package org.campaigndesk.draft;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores a drafted plan file against a hand-made one, field kind by field kind, with precision
 * (correct / drafted) and recall (correct / in the reference). How each kind is compared:
 *
 * <ul>
 *   <li>text is compared after NFKC normalisation with whitespace and trailing punctuation removed;
 *       descriptions and milestone titles match when their similarity (2·LCS / total length) is ≥ 0.9;
 *   <li>units match by name: a drafted unit matches a reference unit when any of its spellings (name,
 *       aliases) equals any of the reference's; ids are never compared. Recall counts only reference
 *       units the document names (a spelling occurs in the text, or it is "&lt;target&gt;督战小分队" for
 *       a target the text names): units a transcriber added from elsewhere cannot be drafted;
 *   <li>leaders match by name; unit kinds over matched units;
 *   <li>campaigns match by name (or season) and count as correct when the window is equal; items by
 *       position within a matched campaign, title equal; item units as sets of reference units or
 *       tokens, recall over those the item's text names (its name or alias, 乡镇 for "@townships",
 *       部门 for "@departments") since a transcriber's inferred units are not in the document;
 *   <li>tasks match by {@code no}; title, description, deadline per matched task; lead leaders, lead
 *       units and responsible units as sets of elements (responsible units without the lead units,
 *       which the format ignores there); elements of unmatched tasks count against both sides;
 *   <li>deadlines compare kind, date, summary and acceptance (not the wording kept in {@code text});
 *   <li>supervision: report day; phases by name with equal window; milestones by date and title;
 *       targets by name; their kind, county and figures per matched target; their leaders and squad
 *       leads as sets of names.
 * </ul>
 */
final class DraftScore {

  static final double DESCRIPTION_SIMILARITY = 0.9;

  /** Correct among drafted, drafted, correct among reference, reference. */
  static final class Counts {
    int correctDrafted;
    int drafted;
    int correctReference;
    int reference;

    void add(Counts other) {
      correctDrafted += other.correctDrafted;
      drafted += other.drafted;
      correctReference += other.correctReference;
      reference += other.reference;
    }

    double precision() {
      return drafted == 0 ? 1.0 : (double) correctDrafted / drafted;
    }

    double recall() {
      return reference == 0 ? 1.0 : (double) correctReference / reference;
    }

    boolean empty() {
      return drafted == 0 && reference == 0;
    }
  }

  private final Map<String, Counts> kinds = new LinkedHashMap<>();
  private final Map<String, Object> draft;
  private final Map<String, Object> reference;
  private final String source;
  private final Map<String, String> draftToReferenceUnit = new HashMap<>();
  private final List<String> misses = new ArrayList<>();

  @SuppressWarnings("unchecked")
  DraftScore(String draftYaml, String referenceYaml, String sourceText) throws Exception {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    this.draft = mapper.readValue(draftYaml, Map.class);
    this.reference = mapper.readValue(referenceYaml, Map.class);
    this.source = norm(sourceText);
    plan();
    units();
    leaders();
    campaigns();
    tasks();
    progressReportDates();
    supervision();
  }

  Map<String, Counts> kinds() {
    return kinds;
  }

  List<String> misses() {
    return misses;
  }

  private Counts kind(String name) {
    return kinds.computeIfAbsent(name, k -> new Counts());
  }

  /** One scalar field: counted as drafted when present in the draft, as reference when present in the reference. */
  private void scalar(String kind, Object drafted, Object expected, boolean equal, String where) {
    Counts c = kind(kind);
    if (drafted != null) {
      c.drafted++;
      if (expected != null && equal) {
        c.correctDrafted++;
      }
    }
    if (expected != null) {
      c.reference++;
      if (drafted != null && equal) {
        c.correctReference++;
      } else {
        misses.add(kind + " " + where + ": drafted " + drafted + ", expected " + expected);
      }
    }
  }

  private <T> void set(String kind, Set<T> drafted, Set<T> expected, Set<T> expectedInScope, String where) {
    Counts c = kind(kind);
    c.drafted += drafted.size();
    for (T d : drafted) {
      if (expected.contains(d)) {
        c.correctDrafted++;
      } else {
        misses.add(kind + " " + where + ": extra " + d);
      }
    }
    c.reference += expectedInScope.size();
    for (T e : expectedInScope) {
      if (drafted.contains(e)) {
        c.correctReference++;
      } else {
        misses.add(kind + " " + where + ": missing " + e);
      }
    }
  }

  // ---- plan -------------------------------------------------------------------------------------

  private void plan() {
    Map<String, Object> d = map(draft.get("plan"));
    Map<String, Object> r = map(reference.get("plan"));
    for (String field : List.of("title", "issuer", "documentNo", "issued", "year")) {
      Object dv = d.get(field);
      Object rv = r.get(field);
      scalar("plan", dv, rv, dv != null && rv != null && norm(dv).equals(norm(rv)), "plan." + field);
    }
  }

  // ---- units and leaders ------------------------------------------------------------------------

  private void units() {
    List<Map<String, Object>> drafted = list(draft.get("units"));
    List<Map<String, Object>> expected = list(reference.get("units"));
    Counts units = kind("units");
    Counts unitKinds = kind("unit kinds");
    Set<String> matchedReference = new HashSet<>();
    for (Map<String, Object> d : drafted) {
      units.drafted++;
      Map<String, Object> match = null;
      for (Map<String, Object> r : expected) {
        if (!matchedReference.contains(str(r.get("id"))) && sameUnit(d, r)) {
          match = r;
          break;
        }
      }
      if (match == null) {
        misses.add("units: extra " + d.get("name"));
        continue;
      }
      units.correctDrafted++;
      matchedReference.add(str(match.get("id")));
      draftToReferenceUnit.put(str(d.get("id")), str(match.get("id")));
      boolean kindEqual = Objects.equals(d.get("kind"), match.get("kind"));
      unitKinds.drafted++;
      unitKinds.reference++;
      if (kindEqual) {
        unitKinds.correctDrafted++;
        unitKinds.correctReference++;
      } else {
        misses.add("unit kinds: " + d.get("name") + " drafted " + d.get("kind") + ", expected " + match.get("kind"));
      }
    }
    aliases(drafted, expected);
    for (Map<String, Object> r : expected) {
      if (!namedInSource(r)) {
        misses.add("units: not named in the document, left out of recall: " + r.get("name"));
        continue;
      }
      units.reference++;
      if (matchedReference.contains(str(r.get("id")))) {
        units.correctReference++;
      } else {
        misses.add("units: missing " + r.get("name"));
      }
    }
  }

  /**
   * Reported for information, not asserted (see DraftSeedScoreTest.INFORMATIONAL): the other spellings
   * of matched units, as (reference unit, spelling) pairs.
   */
  private void aliases(List<Map<String, Object>> drafted, List<Map<String, Object>> expected) {
    Set<String> d = new LinkedHashSet<>();
    for (Map<String, Object> unit : drafted) {
      String reference = draftToReferenceUnit.get(str(unit.get("id")));
      listOf(unit.get("aliases")).forEach(a -> d.add((reference == null ? "draft:" + unit.get("id") : reference) + " " + norm(a)));
    }
    Set<String> r = new LinkedHashSet<>();
    Set<String> inScope = new LinkedHashSet<>();
    for (Map<String, Object> unit : expected) {
      for (Object a : listOf(unit.get("aliases"))) {
        String pair = unit.get("id") + " " + norm(a);
        r.add(pair);
        if (namedInSource(unit)) {
          inScope.add(pair);
        }
      }
    }
    set("unit aliases (information)", d, r, inScope, "");
  }

  private boolean namedInSource(Map<String, Object> unit) {
    for (String spelling : spellings(unit)) {
      if (source.contains(spelling)) {
        return true;
      }
      if (spelling.endsWith("督战小分队") && source.contains(spelling.substring(0, spelling.length() - 5))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameUnit(Map<String, Object> a, Map<String, Object> b) {
    Set<String> sa = spellings(a);
    for (String s : spellings(b)) {
      if (sa.contains(s)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> spellings(Map<String, Object> unit) {
    Set<String> all = new LinkedHashSet<>();
    all.add(norm(unit.get("name")));
    for (Object alias : listOf(unit.get("aliases"))) {
      all.add(norm(alias));
    }
    return all;
  }

  /** A drafted unit reference as the reference file's id (tokens stay tokens; unknown units stay marked). */
  private String unitRef(Object draftRef) {
    String ref = str(draftRef);
    if (ref.startsWith("@")) {
      return ref;
    }
    return draftToReferenceUnit.getOrDefault(ref, "draft:" + ref);
  }

  private Map<String, String> leaderNames(Map<String, Object> file) {
    Map<String, String> names = new HashMap<>();
    for (Map<String, Object> l : list(file.get("leaders"))) {
      names.put(str(l.get("id")), norm(l.get("name")));
    }
    return names;
  }

  private void leaders() {
    Set<String> d = new LinkedHashSet<>(leaderNames(draft).values());
    Set<String> r = new LinkedHashSet<>(leaderNames(reference).values());
    set("leaders", d, r, r, "");
  }

  // ---- campaigns --------------------------------------------------------------------------------

  private void campaigns() {
    List<Map<String, Object>> drafted = list(draft.get("campaigns"));
    List<Map<String, Object>> expected = list(reference.get("campaigns"));
    Map<Map<String, Object>, Map<String, Object>> matches = new LinkedHashMap<>();
    for (Map<String, Object> r : expected) {
      for (Map<String, Object> d : drafted) {
        if (!matches.containsValue(d) && sameCampaign(d, r)) {
          matches.put(r, d);
          break;
        }
      }
    }
    Counts campaigns = kind("campaigns");
    campaigns.drafted += drafted.size();
    campaigns.reference += expected.size();
    Counts items = kind("campaign items");
    Counts itemUnits = kind("campaign item units");
    for (Map<String, Object> d : drafted) {
      items.drafted += list(d.get("items")).size();
    }
    for (Map<String, Object> r : expected) {
      items.reference += list(r.get("items")).size();
      Map<String, Object> d = matches.get(r);
      if (d == null) {
        misses.add("campaigns: missing " + r.get("name"));
        continue;
      }
      boolean window = Objects.equals(str(d.get("start")), str(r.get("start"))) && Objects.equals(str(d.get("end")), str(r.get("end")));
      if (window) {
        campaigns.correctDrafted++;
        campaigns.correctReference++;
      } else {
        misses.add("campaigns: " + r.get("name") + " window " + d.get("start") + ".." + d.get("end"));
      }
      List<Map<String, Object>> dItems = list(d.get("items"));
      List<Map<String, Object>> rItems = list(r.get("items"));
      for (int i = 0; i < rItems.size(); i++) {
        Map<String, Object> ri = rItems.get(i);
        Map<String, Object> di = i < dItems.size() ? dItems.get(i) : null;
        if (di == null || !norm(di.get("title")).equals(norm(ri.get("title")))) {
          misses.add("campaign items: " + r.get("name") + " #" + (i + 1) + " drafted " + (di == null ? null : di.get("title")));
          continue;
        }
        items.correctDrafted++;
        items.correctReference++;
        Set<String> du = new LinkedHashSet<>();
        listOf(di.get("units")).forEach(u -> du.add(unitRef(u)));
        Set<String> ru = new LinkedHashSet<>();
        listOf(ri.get("units")).forEach(u -> ru.add(str(u)));
        Set<String> inScope = new LinkedHashSet<>();
        String text = norm(ri.get("title"));
        for (String u : ru) {
          if (u.equals("@townships") ? text.contains("乡镇") : u.equals("@departments") ? text.contains("部门")
              : unitNamedIn(u, text)) {
            inScope.add(u);
          }
        }
        set("campaign item units", du, ru, inScope, r.get("name") + " #" + (i + 1));
        String item = r.get("name") + " #" + (i + 1);
        ru.stream().filter(u -> !inScope.contains(u)).forEach(u ->
            misses.add("campaign item units " + item + ": not named in the item, left out of recall: " + u));
      }
    }
  }

  private boolean unitNamedIn(String referenceId, String text) {
    for (Map<String, Object> u : list(reference.get("units"))) {
      if (referenceId.equals(str(u.get("id")))) {
        return spellings(u).stream().anyMatch(text::contains);
      }
    }
    return false;
  }

  private static boolean sameCampaign(Map<String, Object> d, Map<String, Object> r) {
    String dn = norm(d.get("name"));
    String rn = norm(r.get("name"));
    if (dn.equals(rn)) {
      return true;
    }
    String seasons = "春夏秋冬";
    for (char s : seasons.toCharArray()) {
      if (dn.indexOf(s) == 0 && rn.indexOf(s) == 0) {
        return true;
      }
    }
    return false;
  }

  // ---- tasks ------------------------------------------------------------------------------------

  private void tasks() {
    Map<String, Map<String, Object>> drafted = byNo(list(draft.get("tasks")));
    Map<String, Map<String, Object>> expected = byNo(list(reference.get("tasks")));
    Map<String, String> draftLeaders = leaderNames(draft);
    Map<String, String> referenceLeaders = leaderNames(reference);
    Counts tasks = kind("tasks");
    tasks.drafted += drafted.size();
    tasks.reference += expected.size();
    Set<String> all = new LinkedHashSet<>(expected.keySet());
    all.addAll(drafted.keySet());
    for (String no : all) {
      Map<String, Object> d = drafted.getOrDefault(no, Map.of());
      Map<String, Object> r = expected.getOrDefault(no, Map.of());
      if (!d.isEmpty() && !r.isEmpty()) {
        tasks.correctDrafted++;
        tasks.correctReference++;
      } else {
        misses.add("tasks: " + (d.isEmpty() ? "missing " : "extra ") + no);
      }
      String where = "task " + no;
      scalar("task titles", d.get("title"), r.get("title"),
          d.get("title") != null && r.get("title") != null && norm(d.get("title")).equals(norm(r.get("title"))), where);
      scalar("task descriptions", d.get("description"), r.get("description"),
          d.get("description") != null && r.get("description") != null
              && similarity(norm(d.get("description")), norm(r.get("description"))) >= DESCRIPTION_SIMILARITY, where);
      Set<String> dl = new LinkedHashSet<>();
      listOf(d.get("leadLeaders")).forEach(l -> dl.add(draftLeaders.getOrDefault(str(l), "?" + l)));
      Set<String> rl = new LinkedHashSet<>();
      listOf(r.get("leadLeaders")).forEach(l -> rl.add(referenceLeaders.getOrDefault(str(l), "?" + l)));
      set("lead leaders", dl, rl, rl, where);
      Set<String> dLead = new LinkedHashSet<>();
      listOf(d.get("leadUnits")).forEach(u -> dLead.add(unitRef(u)));
      Set<String> rLead = new LinkedHashSet<>();
      listOf(r.get("leadUnits")).forEach(u -> rLead.add(str(u)));
      set("lead units", dLead, rLead, rLead, where);
      Set<String> dUnits = new LinkedHashSet<>();
      listOf(d.get("units")).forEach(u -> dUnits.add(unitRef(u)));
      dUnits.removeAll(dLead);
      Set<String> rUnits = new LinkedHashSet<>();
      listOf(r.get("units")).forEach(u -> rUnits.add(str(u)));
      rUnits.removeAll(rLead);
      set("responsible units", dUnits, rUnits, rUnits, where);
      Object dd = deadline(d.get("deadline"));
      Object rd = deadline(r.get("deadline"));
      scalar("deadlines", dd, rd, dd != null && dd.equals(rd), where);
    }
  }

  private static Object deadline(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, String> comparable = new LinkedHashMap<>();
      if (m.get("date") != null) {
        return str(m.get("date"));
      }
      for (String k : List.of("kind", "summary", "acceptance")) {
        if (m.get(k) != null) {
          comparable.put(k, str(m.get(k)));
        }
      }
      return comparable.equals(Map.of("kind", "year-round")) ? "year-round" : comparable;
    }
    return str(value);
  }

  private static Map<String, Map<String, Object>> byNo(List<Map<String, Object>> tasks) {
    Map<String, Map<String, Object>> byNo = new LinkedHashMap<>();
    for (Map<String, Object> t : tasks) {
      byNo.put(str(t.get("no")), t);
    }
    return byNo;
  }

  private void progressReportDates() {
    Set<String> d = new LinkedHashSet<>();
    listOf(draft.get("progressReportDates")).forEach(x -> d.add(str(x)));
    Set<String> r = new LinkedHashSet<>();
    listOf(reference.get("progressReportDates")).forEach(x -> r.add(str(x)));
    set("progress report dates", d, r, r, "");
  }

  // ---- supervision ------------------------------------------------------------------------------

  private void supervision() {
    Map<String, Object> d = map(draft.get("supervision"));
    Map<String, Object> r = map(reference.get("supervision"));
    if (d.isEmpty() && r.isEmpty()) {
      return;
    }
    scalar("supervision report day", d.get("reportDay"), r.get("reportDay"),
        Objects.equals(str(d.get("reportDay")), str(r.get("reportDay"))), "reportDay");
    Set<String> dPhases = new LinkedHashSet<>();
    Set<String> dMilestones = new LinkedHashSet<>();
    for (Map<String, Object> p : list(d.get("phases"))) {
      dPhases.add(norm(p.get("name")) + " " + p.get("start") + ".." + p.get("end"));
      for (Map<String, Object> m : list(p.get("milestones"))) {
        dMilestones.add(str(m.get("date")) + " " + norm(m.get("title")));
      }
    }
    Set<String> rPhases = new LinkedHashSet<>();
    Set<String> rMilestones = new LinkedHashSet<>();
    for (Map<String, Object> p : list(r.get("phases"))) {
      rPhases.add(norm(p.get("name")) + " " + p.get("start") + ".." + p.get("end"));
      for (Map<String, Object> m : list(p.get("milestones"))) {
        rMilestones.add(str(m.get("date")) + " " + norm(m.get("title")));
      }
    }
    set("supervision phases", dPhases, rPhases, rPhases, "");
    Set<String> milestonesMatched = new LinkedHashSet<>();
    for (String dm : dMilestones) {
      for (String rm : rMilestones) {
        if (dm.substring(0, 10).equals(rm.substring(0, 10)) && similarity(dm.substring(11), rm.substring(11)) >= DESCRIPTION_SIMILARITY) {
          milestonesMatched.add(rm);
        }
      }
    }
    Counts milestones = kind("supervision milestones");
    milestones.drafted += dMilestones.size();
    milestones.correctDrafted += milestonesMatched.size();
    milestones.reference += rMilestones.size();
    milestones.correctReference += milestonesMatched.size();
    Map<String, String> dLeaders = leaderNames(draft);
    Map<String, String> rLeaders = leaderNames(reference);
    Map<String, Map<String, Object>> dTargets = new LinkedHashMap<>();
    list(d.get("targets")).forEach(t -> dTargets.put(norm(t.get("name")), t));
    Map<String, Map<String, Object>> rTargets = new LinkedHashMap<>();
    list(r.get("targets")).forEach(t -> rTargets.put(norm(t.get("name")), t));
    set("supervision targets", dTargets.keySet(), rTargets.keySet(), rTargets.keySet(), "");
    for (Map.Entry<String, Map<String, Object>> e : rTargets.entrySet()) {
      Map<String, Object> rt = e.getValue();
      Map<String, Object> dt = dTargets.getOrDefault(e.getKey(), Map.of());
      for (String field : List.of("kind", "county", "figures")) {
        Object dv = dt.get(field);
        Object rv = rt.get(field);
        scalar("supervision target fields", dv, rv, dv != null && rv != null && figures(dv).equals(figures(rv)), e.getKey() + "." + field);
      }
      for (String field : List.of("leaders", "squadLeads")) {
        Set<String> dn = new LinkedHashSet<>();
        listOf(dt.get(field)).forEach(x -> dn.add(dLeaders.getOrDefault(str(x), "?" + x)));
        Set<String> rn = new LinkedHashSet<>();
        listOf(rt.get(field)).forEach(x -> rn.add(rLeaders.getOrDefault(str(x), "?" + x)));
        set("supervision target leaders", dn, rn, rn, e.getKey() + "." + field);
      }
    }
  }

  private static String figures(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Double> numbers = new java.util.TreeMap<>();
      m.forEach((k, v) -> numbers.put(str(k), Double.valueOf(str(v))));
      return numbers.toString();
    }
    return norm(value);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  static String norm(Object value) {
    if (value == null) {
      return "";
    }
    String s = Normalizer.normalize(String.valueOf(value), Normalizer.Form.NFKC);
    return s.replaceAll("\\s+", "").replaceAll("[。；;，,、.]+$", "");
  }

  /** 2·LCS / (|a| + |b|). */
  static double similarity(String a, String b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1.0;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        current[j] = a.charAt(i - 1) == b.charAt(j - 1) ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return 2.0 * previous[b.length()] / (a.length() + b.length());
  }

  private static String str(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> listOf(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}

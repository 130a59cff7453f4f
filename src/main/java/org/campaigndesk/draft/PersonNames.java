package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads people as plans write them: "邝华然", "邝华然（县委副书记）", "县委常委、副县长张三",
 * "张三 局长 13800000000", and lists of them ("杨斌 李林波", "周晓红、朱国相", "杨 虹").
 */
final class PersonNames {

  private static final String TITLE_END = "(书记|县长|州长|市长|区长|主任|部长|局长|常委|委员|主席|组长|政委|队长|经理|处长|科长|站长|所长|校长|院长|助理|调研员|干部|专员|负责人)";
  private static final Pattern PHONE = Pattern.compile("(1\\d{10}|\\d{3,4}-?\\d{7,8}|\\d{7,8})");
  private static final Pattern NAME_THEN_TITLE = Pattern.compile("^(\\p{IsHan}{2,4})[（(](.+)[）)]$");
  private static final Pattern TITLE_THEN_NAME = Pattern.compile("^(.*" + TITLE_END + ")(\\p{IsHan}{2,3})$");
  private static final Pattern NAME_SPACE_TITLE = Pattern.compile("^(\\p{IsHan}{2,4})\\s+(.*" + TITLE_END + ")$");
  private static final Pattern TITLE_SPACE_NAME = Pattern.compile("^(.*" + TITLE_END + ")\\s+(\\p{IsHan}{2,4})$");

  private PersonNames() {}

  /** One person with title and phone where written. */
  static DraftPlan.Person person(String raw) {
    String s = raw.strip().replaceAll("[。；;，,]$", "");
    String phone = null;
    Matcher p = PHONE.matcher(s);
    if (p.find()) {
      phone = p.group(1);
      s = (s.substring(0, p.start()) + s.substring(p.end())).replaceAll("(联系电话|电话|手机)[:：]?", "").strip()
          .replaceAll("[，,、；;]$", "").strip();
    }
    Matcher m;
    if ((m = NAME_THEN_TITLE.matcher(s)).matches()) {
      return new DraftPlan.Person(m.group(1), Texts.compact(m.group(2)), phone);
    }
    if ((m = NAME_SPACE_TITLE.matcher(s)).matches()) {
      return new DraftPlan.Person(m.group(1), Texts.compact(m.group(2)), phone);
    }
    if ((m = TITLE_SPACE_NAME.matcher(s)).matches()) {
      return new DraftPlan.Person(m.group(3), Texts.compact(m.group(1)), phone);
    }
    String compact = Texts.compact(s);
    if ((m = TITLE_THEN_NAME.matcher(compact)).matches() && m.group(1).length() >= 2) {
      return new DraftPlan.Person(m.group(3), m.group(1), phone);
    }
    return compact.isEmpty() ? null : new DraftPlan.Person(compact, null, phone);
  }

  /** Several people: separated by 、，; or spaces; single characters split by a space ("杨 虹") are one name. */
  static List<DraftPlan.Person> people(String raw) {
    List<DraftPlan.Person> people = new ArrayList<>();
    String s = raw.strip().replaceAll("[。；;]$", "");
    List<String> pieces = new ArrayList<>();
    for (String part : s.split("[、，,；;]+")) {
      if (part.matches(".*[（(].*[）)].*") || part.matches(".*" + TITLE_END + ".*")) {
        pieces.add(part.strip());
        continue;
      }
      List<String> tokens = new ArrayList<>(List.of(part.strip().split("\\s+")));
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i).length() == 1 && i + 1 < tokens.size() && tokens.get(i + 1).length() <= 2) {
          tokens.set(i, tokens.get(i) + tokens.remove(i + 1));
        }
      }
      pieces.addAll(tokens);
    }
    String pendingTitle = null;
    for (String piece : pieces) {
      if (piece.isBlank()) {
        continue;
      }
      if (piece.matches("^.*" + TITLE_END + "$") && !piece.matches(".*[（(].*")
          && !TITLE_THEN_NAME.matcher(Texts.compact(piece)).matches()) {
        pendingTitle = pendingTitle == null ? piece : pendingTitle + "、" + piece;
        continue;
      }
      DraftPlan.Person person = person(piece);
      if (person == null) {
        continue;
      }
      if (pendingTitle != null) {
        String title = person.title() == null ? pendingTitle : pendingTitle + "、" + person.title();
        person = new DraftPlan.Person(person.name(), title, person.phone());
        pendingTitle = null;
      }
      people.add(person);
    }
    return people;
  }
}

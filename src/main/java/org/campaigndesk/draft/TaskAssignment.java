package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who owns a key task and by when, read from its assignment lines or table cells: lead leaders,
 * lead units, responsible units, deadline, responsible person.
 */
final class TaskAssignment {

  final Set<String> leadLeaders = new LinkedHashSet<>();
  final Set<String> leadUnits = new LinkedHashSet<>();
  final Set<String> units = new LinkedHashSet<>();
  final List<DraftPlan.Deadline> deadlines = new ArrayList<>();
  DraftPlan.Person person;
  boolean leadUnitNamed;
  /** In a multi-year plan, the year of the section the task stands in, when its heading names one. */
  Integer sectionYear;
  int line;

  /** Reads one assignment entry (label and value) into this assignment. */
  void read(Assignments.Field field, String value, int sourceLine, String path, DraftContext context) {
    if (line == 0) {
      line = sourceLine;
    }
    if (value == null || Texts.compact(value).isEmpty() || Texts.compact(value).matches("[/—\\-无－]+")) {
      return;
    }
    switch (field) {
      case LEADERS -> {
        for (DraftPlan.Person person : PersonNames.people(value)) {
          leadLeaders.add(context.leaders().resolve(person));
        }
      }
      case LEAD_UNITS -> {
        leadUnitNamed = true;
        for (String name : UnitNames.split(value)) {
          String ref = context.units().resolve(name, sourceLine);
          if (ref.startsWith("@")) {
            units.add(ref);
            context.review().add(path + ".leadUnits", "牵头单位“" + name + "”是集体称谓，不能作牵头单位，已列入责任单位", sourceLine);
          } else {
            leadUnits.add(ref);
          }
        }
      }
      case UNITS -> {
        List<String> marked = UnitNames.markedAsLead(value);
        for (String name : UnitNames.split(value)) {
          String ref = context.units().resolve(name, sourceLine);
          if (marked.contains(name) && !ref.startsWith("@")) {
            leadUnits.add(ref);
            leadUnitNamed = true;
          } else {
            units.add(ref);
          }
        }
      }
      case DEADLINE -> {
        DatePhrases.Parsed parsed = DatePhrases.deadline(value, context.info(), sectionYear);
        if (parsed == null) {
          context.review().add(path + ".deadline", "无法识别完成时限“" + Texts.compact(value) + "”，请填写", sourceLine);
        } else {
          deadlines.add(parsed.deadline());
          if (parsed.note() != null) {
            context.review().add(path + ".deadline", parsed.note(), sourceLine);
          }
        }
      }
      case PERSON -> {
        DraftPlan.Person parsed = PersonNames.person(value);
        if (parsed != null && person == null) {
          person = parsed;
        }
      }
    }
  }

  void readParagraph(Paragraph paragraph, String path, DraftContext context) {
    for (Assignments.Entry entry : Assignments.parse(paragraph.text())) {
      read(entry.field(), entry.value(), paragraph.line(), path, context);
    }
  }

  void mergeFrom(TaskAssignment other) {
    leadLeaders.addAll(other.leadLeaders);
    leadUnits.addAll(other.leadUnits);
    units.addAll(other.units);
    deadlines.addAll(other.deadlines);
    leadUnitNamed |= other.leadUnitNamed;
    if (person == null) {
      person = other.person;
    }
    if (line == 0) {
      line = other.line;
    }
  }

  boolean isEmpty() {
    return leadLeaders.isEmpty() && leadUnits.isEmpty() && units.isEmpty() && deadlines.isEmpty() && person == null;
  }

  /** Lead units, responsible units (lead units and, under "@townships", single townships left out) and the deadline, settled. */
  Settled settle(String path, DraftContext context, int taskLine) {
    List<String> leads = new ArrayList<>(leadUnits);
    List<String> responsible = new ArrayList<>(units);
    if (leads.isEmpty()) {
      String first = responsible.stream().filter(r -> !r.startsWith("@")).findFirst().orElse(null);
      if (first != null && responsible.indexOf(first) == 0) {
        leads.add(first);
        responsible.remove(first);
        context.review().add(path + ".leadUnits", "文件未写牵头单位，取第一个责任单位“"
            + context.units().unit(first).name + "”作牵头单位，请核对", line == 0 ? taskLine : line);
      }
    }
    responsible.removeAll(leads);
    if (responsible.contains(UnitNames.TOWNSHIPS)) {
      responsible.removeIf(r -> context.units().isKind(r, "township"));
    }
    DraftPlan.Deadline deadline = null;
    if (!deadlines.isEmpty()) {
      deadline = deadlines.get(0);
      boolean allSame = deadlines.stream().allMatch(d -> d.equals(deadlines.get(0)));
      if (!allSame) {
        deadline = deadlines.stream().max((a, b) -> a.dueDate(context.info()).compareTo(b.dueDate(context.info()))).get();
        context.review().add(path + ".deadline", "各分项完成时限不同，取最晚的，请核对", line == 0 ? taskLine : line);
      }
    }
    return new Settled(List.copyOf(leadLeaders), leads, responsible, deadline, person);
  }

  record Settled(List<String> leadLeaders, List<String> leadUnits, List<String> units, DraftPlan.Deadline deadline,
      DraftPlan.Person person) {}
}

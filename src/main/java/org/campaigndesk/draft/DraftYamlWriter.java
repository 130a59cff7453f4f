package org.campaigndesk.draft;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Writes a draft as a plan file (docs/plan-format.md with the region, multi-year, targets,
 * responsible-person and owner-less-task extensions): plain YAML a coordinator can edit.
 */
final class DraftYamlWriter {

  private final StringBuilder out = new StringBuilder();

  static String write(DraftPlan plan, String sourceName, String emailDomain) {
    return new DraftYamlWriter().plan(plan, sourceName, emailDomain).out.toString();
  }

  private DraftYamlWriter plan(DraftPlan plan, String sourceName, String emailDomain) {
    DraftPlan.Info info = plan.info();
    line("# Campaign Desk plan file drafted from " + (sourceName == null ? "a plan document" : sourceName.replace('\n', ' ')));
    line("# Review every field against the document before importing; emails are placeholders (example.org).");
    line("plan:");
    field("  ", "id", info.id());
    field("  ", "title", info.title());
    if (info.regionId() != null) {
      line("  region: {id: " + info.regionId() + ", name: " + YamlText.flowScalar(info.regionName()) + "}");
    }
    field("  ", "issuer", info.issuer());
    field("  ", "documentNo", info.documentNo());
    if (info.issued() != null) {
      line("  issued: " + info.issued());
    }
    if (info.multiYear()) {
      line("  years: {from: " + info.yearFrom() + ", to: " + info.yearTo() + "}");
    } else {
      line("  year: " + info.year());
    }
    line("");
    line(plan.units().isEmpty() ? "units: []" : "units:");
    for (DraftPlan.Unit unit : plan.units()) {
      line("  - id: " + unit.id());
      line("    name: " + YamlText.scalar(unit.name()));
      line("    kind: " + unit.kind());
      line("    email: " + unit.id() + "@" + emailDomain);
      if (!unit.aliases().isEmpty()) {
        line("    aliases: [" + String.join(", ", unit.aliases().stream().map(YamlText::flowScalar).toList()) + "]");
      }
    }
    line("");
    if (plan.leaders().isEmpty()) {
      line("leaders: []");
    } else {
      line("leaders:");
      for (DraftPlan.Leader leader : plan.leaders()) {
        line("  - id: " + leader.id());
        line("    name: " + YamlText.scalar(leader.name()));
        if (leader.title() != null) {
          line("    title: " + YamlText.scalar(leader.title()));
        }
        line("    email: " + leader.id() + "@" + emailDomain);
      }
    }
    line("");
    campaigns(plan.campaigns());
    line("");
    tasks(plan.tasks());
    line("");
    line("progressReportDates: [" + String.join(", ", plan.progressReportDates().stream().map(LocalDate::toString).toList()) + "]");
    if (plan.supervision() != null) {
      line("");
      supervision(plan.supervision());
    }
    return this;
  }

  private void campaigns(List<DraftPlan.Campaign> campaigns) {
    if (campaigns.isEmpty()) {
      line("campaigns: []");
      return;
    }
    line("campaigns:");
    for (DraftPlan.Campaign c : campaigns) {
      line("  - id: " + c.id());
      line("    name: " + YamlText.scalar(c.name()));
      line("    start: " + (c.start() == null ? "null   # 请填写" : c.start()));
      line("    end: " + (c.end() == null ? "null   # 请填写" : c.end()));
      if (c.items().isEmpty()) {
        line("    items: []");
        continue;
      }
      line("    items:");
      for (DraftPlan.Item item : c.items()) {
        line("      - title: " + YamlText.scalar(item.title()));
        line("        units: " + YamlText.flowList(item.units()));
        targets("        ", item.targets());
      }
    }
  }

  private void tasks(List<DraftPlan.Task> tasks) {
    if (tasks.isEmpty()) {
      line("tasks: []");
      return;
    }
    line("tasks:");
    for (DraftPlan.Task t : tasks) {
      line("  - no: " + t.no());
      line("    title: " + YamlText.scalar(t.title()));
      line("    description: " + YamlText.block(t.description(), "      "));
      if (t.year() != null) {
        line("    year: " + t.year());
      }
      if (t.awaitingOwner()) {
        line("    # 待分解交办: the document names no lead unit; leadUnits, leadLeaders and deadline are left out");
        if (!t.leadLeaders().isEmpty()) {
          line("    leadLeaders: " + YamlText.flowList(t.leadLeaders()));
        }
      } else {
        line("    leadLeaders: " + YamlText.flowList(t.leadLeaders()));
        line("    leadUnits: " + YamlText.flowList(t.leadUnits()));
      }
      line("    units: " + YamlText.flowList(t.units()));
      if (t.deadline() != null) {
        line("    deadline: " + deadline(t.deadline()));
      }
      person("    ", t.responsiblePerson());
      targets("    ", t.targets());
    }
  }

  private static String deadline(DraftPlan.Deadline d) {
    return switch (d.kind()) {
      case "date" -> d.text() == null ? d.date().toString()
          : "{date: " + d.date() + ", text: " + YamlText.flowScalar(d.text()) + "}";
      case "span" -> "{kind: span, text: " + YamlText.flowScalar(d.text()) + "}";
      default -> {
        if (d.summary() == null && d.year() == null) {
          yield "year-round";
        }
        StringBuilder s = new StringBuilder("{kind: year-round");
        if (d.year() != null) {
          s.append(", year: ").append(d.year());
        }
        if (d.summary() != null) {
          s.append(", summary: ").append(d.summary()).append(", acceptance: ").append(d.acceptance());
        }
        yield s.append('}').toString();
      }
    };
  }

  private void person(String indent, DraftPlan.Person p) {
    if (p == null) {
      return;
    }
    StringBuilder s = new StringBuilder("{name: " + YamlText.flowScalar(p.name()));
    if (p.title() != null) {
      s.append(", title: ").append(YamlText.flowScalar(p.title()));
    }
    if (p.phone() != null) {
      s.append(", phone: ").append(YamlText.quoted(p.phone()));
    }
    line(indent + "responsiblePerson: " + s.append('}'));
  }

  private void targets(String indent, List<DraftPlan.Target> targets) {
    if (targets.isEmpty()) {
      return;
    }
    line(indent + "targets:");
    for (DraftPlan.Target t : targets) {
      StringBuilder s = new StringBuilder("{text: " + YamlText.flowScalar(t.text()));
      if (t.value() != null) {
        s.append(", value: ").append(YamlText.number(t.value()));
      }
      if (t.unit() != null) {
        s.append(", unit: ").append(YamlText.flowScalar(t.unit()));
      }
      if (t.year() != null) {
        s.append(", year: ").append(t.year());
      }
      line(indent + "  - " + s.append('}'));
    }
  }

  private void supervision(DraftPlan.Supervision s) {
    line("supervision:");
    line("  reportDay: " + s.reportDay());
    line("  phases:");
    for (DraftPlan.Phase p : s.phases()) {
      line("    - name: " + YamlText.scalar(p.name()));
      line("      start: " + p.start());
      line("      end: " + p.end());
      if (p.milestones().isEmpty()) {
        line("      milestones: []");
      } else {
        line("      milestones:");
        for (DraftPlan.Milestone m : p.milestones()) {
          line("        - date: " + m.date());
          line("          title: " + YamlText.scalar(m.title()));
        }
      }
    }
    line("  targets:");
    for (DraftPlan.SupervisionTarget t : s.targets()) {
      line("    - id: " + t.id());
      line("      name: " + YamlText.scalar(t.name()));
      line("      kind: " + t.kind());
      if (t.county() != null) {
        line("      county: " + YamlText.scalar(t.county()));
      }
      StringBuilder figures = new StringBuilder("{");
      for (Map.Entry<String, Double> f : t.figures().entrySet()) {
        if (figures.length() > 1) {
          figures.append(", ");
        }
        figures.append(f.getKey()).append(": ").append(YamlText.number(f.getValue()));
      }
      line("      figures: " + figures.append('}'));
      line("      leaders: " + YamlText.flowList(t.leaders()));
      line("      squadLeads: " + YamlText.flowList(t.squadLeads()));
      line("      squadUnit: " + t.squadUnit());
    }
  }

  private void field(String indent, String key, String value) {
    if (value != null) {
      line(indent + key + ": " + YamlText.scalar(value));
    }
  }

  private void line(String text) {
    out.append(text).append('\n');
  }
}

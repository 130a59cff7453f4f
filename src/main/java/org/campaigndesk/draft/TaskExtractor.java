package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the key tasks of a plan document in its recurring shapes: numbered paragraphs followed by
 * assignment lines (牵头责任领导/牵头责任单位/责任单位/完成时限), numbered items followed by
 * "（牵头单位：…；责任单位：…）" (also per sub-item, merged into the item), tables with one row per task
 * (序号/工作任务/牵头单位/责任单位/完成时限/责任人), and, when nothing is assigned, the items of a
 * key-task section whose owners are left open.
 */
final class TaskExtractor {

  private static final Pattern MONTH = Pattern.compile("^(\\d{1,2}|[一二三四五六七八九十]{1,3})月份?$");
  private static final Pattern TASK_SECTION = Pattern.compile(".*(重点任务|重点工作|主要任务|工作任务|任务分工|具体任务|重点项目|任务清单|工作措施).*");
  private static final Pattern TASK_COLUMN = Pattern.compile(".*(工作任务|重点任务|主要任务|任务内容|工作内容|具体任务|重点工作|工作事项|项目名称|任务名称|工作措施|任务).*");
  private static final Pattern NO_COLUMN = Pattern.compile("^(序号|编号|序|号)$");
  private static final Pattern CONTENT_COLUMN = Pattern.compile(".*(具体内容|主要内容|工作内容|工作措施|具体措施|任务内容|工作要求|内容|措施).*");
  private static final Pattern TARGET_COLUMN = Pattern.compile(".*(目标|指标).*");

  /** The plan file's limits (docs/plan.schema.json). */
  private static final int MAX_TITLE = 300;
  private static final int MAX_DESCRIPTION = 4000;

  private final DraftContext context;
  private final List<DraftPlan.Task> tasks = new ArrayList<>();

  TaskExtractor(DraftContext context) {
    this.context = context;
  }

  List<DraftPlan.Task> extract(List<Paragraph> paragraphs, Outline outline) {
    List<Group> groups = new ArrayList<>();
    collectGroups(outline.root, groups);
    readAllAssignmentsForUnits(outline.root);
    List<Group> chosen = choose(groups);
    for (Group group : chosen) {
      for (Outline.Node item : group.items) {
        tasks.add(fromItem(item));
      }
    }
    extractTables(paragraphs);
    if (tasks.isEmpty() && SupervisionExtractor.tableHeader(paragraphs) < 0) {
      ownerlessSection(outline.root);
    }
    renumberClashes();
    return List.copyOf(tasks);
  }

  // ---- numbered items with assignments --------------------------------------------------------

  private record Group(Outline.Node parent, List<Outline.Node> items, int score) {}

  private void collectGroups(Outline.Node parent, List<Group> groups) {
    boolean schedule = parent.heading != null && MONTH.matcher(Texts.compact(parent.text())).matches();
    boolean anyOwn = parent.children.stream().anyMatch(Outline.Node::hasAssignments);
    boolean monthChildren = parent.children.stream().anyMatch(c -> MONTH.matcher(Texts.compact(c.text())).matches());
    if (anyOwn && !schedule && !monthChildren) {
      Marker.Kind kind = parent.children.stream().filter(Outline.Node::hasAssignments).findFirst().get().marker.kind();
      List<Outline.Node> items = parent.children.stream().filter(c -> c.marker.kind() == kind).toList();
      int score = 0;
      for (Outline.Node item : items) {
        if (mentions(item, Assignments.Field.LEAD_UNITS) || mentions(item, Assignments.Field.DEADLINE)
            || mentions(item, Assignments.Field.LEADERS)) {
          score++;
        }
      }
      groups.add(new Group(parent, items, score));
      for (Outline.Node child : parent.children) {
        if (!items.contains(child)) {
          collectGroups(child, groups);
        }
      }
      return;
    } else if (schedule || monthChildren) {
      if (parent.containsAssignments() && monthChildren) {
        context.review().add("tasks", "“" + Texts.compact(parent.text()) + "”是逐月工作进度安排，未作为重点工作起草（其中的单位已列入 units）", parent.line());
      }
      return;
    }
    for (Outline.Node child : parent.children) {
      collectGroups(child, groups);
    }
  }

  private static boolean mentions(Outline.Node node, Assignments.Field field) {
    for (Paragraph p : node.assignments) {
      if (Assignments.parse(p.text()).stream().anyMatch(e -> e.field() == field)) {
        return true;
      }
    }
    return node.children.stream().anyMatch(c -> mentions(c, field));
  }

  private List<Group> choose(List<Group> groups) {
    int best = groups.stream().mapToInt(Group::score).max().orElse(0);
    List<Group> chosen = new ArrayList<>();
    for (Group group : groups) {
      boolean keep = best == 0 ? group.items.size() == groups.stream().mapToInt(g -> g.items.size()).max().orElse(0)
          : group.score * 3 >= best && group.score > 0;
      if (keep) {
        chosen.add(group);
      } else {
        context.review().add("tasks", "“" + headingOf(group.parent) + "”下的 " + group.items.size()
            + " 项只写了责任单位，未写牵头单位和完成时限，未作为重点工作起草（其中的单位已列入 units）", group.parent.line());
      }
    }
    return chosen;
  }

  private static String headingOf(Outline.Node node) {
    return node.heading == null ? "正文" : Texts.compact(node.heading.text());
  }

  /** Units named in any assignment, also outside the chosen tasks, belong to the plan's units. */
  private void readAllAssignmentsForUnits(Outline.Node node) {
    for (Paragraph p : node.assignments) {
      for (Assignments.Entry entry : Assignments.parse(p.text())) {
        if (entry.field() == Assignments.Field.LEAD_UNITS || entry.field() == Assignments.Field.UNITS) {
          UnitNames.split(entry.value()).forEach(name -> context.units().resolve(name, p.line()));
        }
      }
    }
    node.children.forEach(this::readAllAssignmentsForUnits);
  }

  private DraftPlan.Task fromItem(Outline.Node item) {
    int no = item.marker.number();
    String path = "tasks[" + tasks.size() + "]";
    TaskAssignment assignment = new TaskAssignment();
    assignment.sectionYear = sectionYear(item);
    boolean merged = false;
    if (item.hasAssignments()) {
      item.assignments.forEach(p -> assignment.readParagraph(p, path, context));
    } else {
      List<Outline.Node> assigned = new ArrayList<>();
      item.forEachDescendant(d -> {
        if (d.hasAssignments()) {
          assigned.add(d);
        }
      });
      for (Outline.Node part : assigned) {
        TaskAssignment partAssignment = new TaskAssignment();
        partAssignment.sectionYear = assignment.sectionYear;
        part.assignments.forEach(p -> partAssignment.readParagraph(p, path, context));
        assignment.mergeFrom(partAssignment);
      }
      merged = !assigned.isEmpty();
      if (merged) {
        context.review().add(path, "第" + no + "项的 " + assigned.size() + " 个分项各有分工，已合并为一项重点工作（各分项的分工保留在描述中）；也可拆成多项", item.line());
      }
    }
    String head = item.text();
    List<String> lines = new ArrayList<>();
    item.body.forEach(p -> lines.add(p.text()));
    lines.addAll(item.descendantLines(merged));
    TitleAndDescription td = TitleAndDescription.of(head, lines);
    return build(no, td, assignment, path, item.line());
  }

  /** The year a multi-year plan's section names in its heading ("（二）2019年重点任务"), for deadlines without a year. */
  private Integer sectionYear(Outline.Node item) {
    if (!context.info().multiYear()) {
      return null;
    }
    for (Outline.Node n = item.parent; n != null && n.heading != null; n = n.parent) {
      java.util.regex.Matcher years = java.util.regex.Pattern.compile("(\\d{4})\\s*年").matcher(n.text());
      if (years.find()) {
        int year = Integer.parseInt(years.group(1));
        boolean single = !years.find();
        if (single && year >= context.info().yearFrom() && year <= context.info().yearTo()) {
          return year;
        }
      }
    }
    return null;
  }

  private DraftPlan.Task build(int no, TitleAndDescription td, TaskAssignment assignment, String path, int line) {
    TaskAssignment.Settled settled = assignment.settle(path, context, line);
    if (settled.leadUnits().isEmpty()) {
      context.review().add(path, "第" + no + "项未明确牵头单位" + (settled.deadline() == null ? "和完成时限" : "")
          + "，作为待分解交办的重点工作起草（导入后由协调员指定牵头单位、领导和时限）", line);
    } else if (settled.deadline() == null) {
      context.review().add(path + ".deadline", "第" + no + "项未写完成时限", line);
    }
    Integer year = null;
    if (context.info().multiYear() && settled.deadline() != null && !settled.deadline().kind().equals("span")) {
      year = settled.deadline().dueDate(context.info()).getYear();
    }
    String title = td.title();
    String description = td.description();
    if (title.length() > MAX_TITLE) {
      title = title.substring(0, MAX_TITLE);
      context.review().add(path + ".title", "标题超过 " + MAX_TITLE + " 字，已截断，请改短", line);
    }
    if (description.length() > MAX_DESCRIPTION) {
      description = description.substring(0, MAX_DESCRIPTION);
      context.review().add(path + ".description", "描述超过 " + MAX_DESCRIPTION + " 字，已截断，请删减", line);
    }
    return new DraftPlan.Task(no, title, description, settled.leadLeaders(), settled.leadUnits(),
        settled.units(), settled.leadUnits().isEmpty() ? null : settled.deadline(), settled.person(),
        Figures.targets(description, context.info()), year, line);
  }

  // ---- tables ------------------------------------------------------------------------------------

  private void extractTables(List<Paragraph> paragraphs) {
    for (int i = 0; i < paragraphs.size(); i++) {
      Paragraph p = paragraphs.get(i);
      if (!p.tableRow()) {
        continue;
      }
      String[] header = p.cells();
      int taskColumn = -1;
      int contentColumn = -1;
      int noColumn = -1;
      int targetColumn = -1;
      Assignments.Field[] fields = new Assignments.Field[header.length];
      boolean anyField = false;
      for (int c = 0; c < header.length; c++) {
        String h = Texts.compact(header[c]);
        fields[c] = Assignments.columnField(h);
        anyField |= fields[c] != null;
        if (fields[c] != null) {
          continue;
        }
        if (NO_COLUMN.matcher(h).matches()) {
          noColumn = c;
        } else if (TARGET_COLUMN.matcher(h).matches()) {
          targetColumn = c;
        } else if (TASK_COLUMN.matcher(h).matches() || CONTENT_COLUMN.matcher(h).matches()) {
          if (taskColumn < 0) {
            taskColumn = c;
          } else if (contentColumn < 0) {
            contentColumn = c;
          }
        }
      }
      if (taskColumn < 0 || !anyField) {
        continue;
      }
      i = readTableRows(paragraphs, i + 1, noColumn, taskColumn, contentColumn, targetColumn, fields) - 1;
    }
  }

  private int readTableRows(List<Paragraph> paragraphs, int start, int noColumn, int taskColumn, int contentColumn,
      int targetColumn, Assignments.Field[] fields) {
    int i = start;
    DraftPlan.Task previous = null;
    for (; i < paragraphs.size() && paragraphs.get(i).tableRow(); i++) {
      Paragraph row = paragraphs.get(i);
      String[] cells = row.cells();
      String taskText = cell(cells, taskColumn);
      if (taskText.isEmpty() || isSectionRow(cells, taskColumn, noColumn)) {
        continue;
      }
      String path = "tasks[" + tasks.size() + "]";
      TaskAssignment assignment = new TaskAssignment();
      for (int c = 0; c < fields.length; c++) {
        if (fields[c] != null) {
          assignment.read(fields[c], cell(cells, c), row.line(), path, context);
        }
      }
      int no = ChineseNumerals.parse(Texts.compact(cell(cells, noColumn)).replaceAll("[.、．]$", ""));
      if (no <= 0) {
        no = previous == null ? tasks.size() + 1 : previous.no() + 1;
      }
      String content = cell(cells, contentColumn);
      TitleAndDescription td = TitleAndDescription.of(taskText, content.isEmpty() ? List.of() : List.of(content));
      DraftPlan.Task task = build(no, td, assignment, path, row.line());
      String targetText = cell(cells, targetColumn);
      if (!targetText.isEmpty()) {
        List<DraftPlan.Target> targets = new ArrayList<>(Figures.targets(targetText, context.info()));
        if (targets.isEmpty()) {
          targets.add(new DraftPlan.Target(targetText, null, null, null));
        }
        task = new DraftPlan.Task(task.no(), task.title(), task.description() + "\n目标：" + targetText,
            task.leadLeaders(), task.leadUnits(), task.units(), task.deadline(), task.responsiblePerson(),
            targets, task.year(), task.sourceLine());
      }
      tasks.add(task);
      previous = task;
    }
    return i;
  }

  /** A row that only names a group of tasks ("一、产业发展" spanning the table). */
  private static boolean isSectionRow(String[] cells, int taskColumn, int noColumn) {
    long filled = java.util.Arrays.stream(cells).filter(c -> !c.isBlank()).count();
    String text = cell(cells, taskColumn);
    Marker marker = Marker.of(text);
    return filled == 1 && cell(cells, noColumn).isEmpty() && marker != null
        && (marker.kind() == Marker.Kind.CHAPTER || marker.kind() == Marker.Kind.SECTION);
  }

  private static String cell(String[] cells, int column) {
    return column < 0 || column >= cells.length ? "" : cells[column].strip();
  }

  // ---- no assignment anywhere: a key-task section with its owners left open ---------------------

  private void ownerlessSection(Outline.Node root) {
    List<Outline.Node> sections = new ArrayList<>();
    root.forEachDescendant(n -> {
      if (TASK_SECTION.matcher(Texts.compact(n.text())).matches() && n.children.size() >= 2) {
        sections.add(n);
      }
    });
    if (sections.isEmpty()) {
      context.review().add("tasks", "文件中未找到重点工作（既无分工，也无“重点任务”一类的章节），请手工填写", 0);
      return;
    }
    Outline.Node section = sections.stream().max(Comparator.comparingInt(n -> n.children.size())).get();
    Marker.Kind kind = section.children.get(0).marker.kind();
    for (Outline.Node item : section.children) {
      if (item.marker.kind() != kind) {
        continue;
      }
      String path = "tasks[" + tasks.size() + "]";
      List<String> lines = new ArrayList<>();
      item.body.forEach(p -> lines.add(p.text()));
      lines.addAll(item.descendantLines(false));
      tasks.add(build(item.marker.number(), TitleAndDescription.of(item.text(), lines), new TaskAssignment(), path, item.line()));
    }
  }

  private void renumberClashes() {
    Set<Integer> seen = new HashSet<>();
    boolean clash = tasks.stream().anyMatch(t -> !seen.add(t.no()));
    if (!clash) {
      return;
    }
    List<DraftPlan.Task> renumbered = new ArrayList<>();
    for (DraftPlan.Task t : tasks) {
      renumbered.add(new DraftPlan.Task(renumbered.size() + 1, t.title(), t.description(), t.leadLeaders(), t.leadUnits(),
          t.units(), t.deadline(), t.responsiblePerson(), t.targets(), t.year(), t.sourceLine()));
    }
    tasks.clear();
    tasks.addAll(renumbered);
    context.review().add("tasks", "重点工作编号有重复（分在几个部分分别编号），已按出现顺序重新编号 1…" + tasks.size(), 0);
  }
}

package org.campaigndesk.campaign;

import static org.campaigndesk.campaign.CampaignVariables.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.campaigndesk.kernel.Json;
import org.campaigndesk.kernel.ShownLines;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.Spin;
import org.camunda.spin.json.SpinJsonNode;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.CurrentJob;
import org.campaigndesk.task.JsonVariables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The campaign process's questions: is the window over, when does it open, which unit does which
 * main content (an assignment: the JSON object {@code {"item": index, "unitId": id, "title": ...,
 * "unitName": ...}}, as text; typed JSON in campaigns opened before, and for an object too long for
 * a text variable), and what each unit's tasks show.
 */
@Component("campaigns")
public class Campaigns {

  static final int REPORT_DAYS = 10;

  /** An assignment's fields. */
  static final String ITEM = "item";
  static final String UNIT_ID = "unitId";
  /**
   * The item's title and the unit's name, as the campaign's items give them (which never change while
   * it runs): an item's job reads them here instead of reading and parsing all the campaign's items
   * (a storm of openings does that for every item). Assignments written before these carry neither.
   */
  static final String TITLE = "title";
  static final String UNIT_NAME = "unitName";

  /** The loop over the campaign's chunks of items (campaign.bpmn): one job per chunk. */
  public static final String ITEM_CHUNK = "SubProcess_ItemChunk";

  private static final ObjectMapper json = Json.MAPPER;

  /**
   * Items a chunk's job opens in one transaction. One job per item cost each item the job's own
   * statements and round trips (33 statements, 28 round trips); in one transaction the items' rows of
   * a kind go to the database as one batch. All of a campaign's items (some 220 per county) in one
   * job made flushes too large and left the job threads idle but one; 16 keeps a county's opening at
   * some 14 jobs side by side, and a chunk that fails holds back 16 items until its retry.
   */
  static final int ITEMS_PER_JOB = 16;

  private int itemsPerJob = ITEMS_PER_JOB;

  @Autowired
  void setItemsPerJob(@Value("${campaign-desk.campaign-items-per-job:" + ITEMS_PER_JOB + "}") int itemsPerJob) {
    if (itemsPerJob < 1 || itemsPerJob > 200) {
      throw new IllegalArgumentException("campaign-desk.campaign-items-per-job: " + itemsPerJob + " is not between 1 and 200");
    }
    this.itemsPerJob = itemsPerJob;
  }

  /** A window already over when the campaign is scheduled (a plan imported mid-year) is past, not overdue. */
  public boolean isOver(VariableScope scope) {
    return !((Date) scope.getVariable(CAMPAIGN_END)).after(Clocks.now());
  }

  public Date opensAt(VariableScope scope) {
    Date start = (Date) scope.getVariable(CAMPAIGN_START);
    Date now = Clocks.now();
    return start.before(now) ? now : start;
  }

  /** Units report on a campaign within ten days of its end. */
  public Date reportDue(VariableScope scope) {
    return Date.from(((Date) scope.getVariable(CAMPAIGN_END)).toInstant().plus(java.time.Duration.ofDays(REPORT_DAYS)));
  }

  /**
   * One assignment per main content and unit (the loop's {@code assignment}): JSON as text, which the
   * engine keeps in the variable's row, where typed JSON takes a byte array row (and one more for its
   * history) per item at the opening, and a query for it in each item's job.
   */
  public List<Object> assignments(VariableScope scope) {
    return assignmentNodes(scope).stream().map(a -> variableValue(a.toString())).toList();
  }

  private List<ObjectNode> assignmentNodes(VariableScope scope) {
    List<ObjectNode> assignments = new ArrayList<>();
    JsonNode items = items(scope);
    Map<String, String> names = unitNames(items);
    for (int i = 0; i < items.size(); i++) {
      String title = items.get(i).path("title").asText();
      for (JsonNode unit : items.get(i).path("units")) {
        String unitId = unit.path("id").asText();
        assignments.add(json.createObjectNode().put(ITEM, i).put(UNIT_ID, unitId).put(TITLE, title)
            .put(UNIT_NAME, names.getOrDefault(unitId, unitId)));
      }
    }
    return assignments;
  }

  /** Text in the variable's row while it fits there; typed JSON (a byte array row) beyond. */
  private static Object variableValue(String jsonText) {
    return jsonText.length() <= ShownLines.MAX_CHARACTERS ? jsonText : Spin.JSON(jsonText);
  }

  /**
   * The campaign's assignments in chunks (the outer loop's {@code itemChunk}), each a JSON array of
   * at most {@link #ITEMS_PER_JOB} assignments in order, as text that fits the variable's row (a chunk
   * ends before it would not; an assignment too long for the row alone is a chunk of its own, typed JSON).
   */
  public List<Object> chunks(VariableScope scope) {
    List<Object> chunks = new ArrayList<>();
    ArrayNode chunk = json.createArrayNode();
    int length = 2;
    for (ObjectNode assignment : assignmentNodes(scope)) {
      int more = assignment.toString().length() + (chunk.isEmpty() ? 0 : 1);
      if (!chunk.isEmpty() && (chunk.size() == itemsPerJob || length + more > ShownLines.MAX_CHARACTERS)) {
        chunks.add(variableValue(chunk.toString()));
        chunk = json.createArrayNode();
        length = 2;
        more = assignment.toString().length();
      }
      chunk.add(assignment);
      length += more;
    }
    if (!chunk.isEmpty()) {
      chunks.add(variableValue(chunk.toString()));
    }
    return chunks;
  }

  /** A chunk's assignments (the inner loop's {@code assignment}), each as {@link #assignments} gives it. */
  public List<Object> assignmentsOf(Object itemChunk) {
    if (itemChunk == null) {
      throw new IllegalStateException("itemChunk: a chunk of campaign items has none");
    }
    JsonNode chunk;
    try {
      chunk = json.readTree(JsonVariables.text(itemChunk));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("itemChunk is not JSON: " + itemChunk, e);
    }
    if (!chunk.isArray()) {
      throw new IllegalStateException("itemChunk is not a JSON array: " + itemChunk);
    }
    List<Object> assignments = new ArrayList<>();
    chunk.forEach(assignment -> assignments.add(variableValue(assignment.toString())));
    return assignments;
  }

  /**
   * Whether an item is being started by its chunk's job running again after that job failed: then
   * each item of the chunk goes on in a job of its own (campaign.bpmn, 单独生成), so that an item whose
   * task cannot be made fails, and stops, alone; the others' tasks are made. Not in a chunk's job
   * (say a migration or a test starting an item): false.
   */
  public boolean chunkFailedBefore() {
    return CurrentJob.isRetryAt(ITEM_CHUNK);
  }

  /** An assignment as the upgrade of main's text assignments writes it: item and unit only. */
  public static SpinJsonNode assignment(int item, String unitId) {
    return Spin.JSON(json.createObjectNode().put(ITEM, item).put(UNIT_ID, unitId).toString());
  }

  /** Every unit named in the campaign, each once, with its name. */
  public Map<String, String> unitNames(VariableScope scope) {
    return unitNames(items(scope));
  }

  static Map<String, String> unitNames(JsonNode items) {
    Map<String, String> units = new LinkedHashMap<>();
    for (JsonNode item : items) {
      item.path("units").forEach(u -> units.putIfAbsent(u.path("id").asText(), u.path("name").asText()));
    }
    return units;
  }

  public List<String> units(VariableScope scope) {
    return new ArrayList<>(unitNames(scope).keySet());
  }

  /** An assignment's value (JSON text, or typed JSON) as a tree. */
  static JsonNode assignmentTree(Object value) {
    if (value == null) {
      throw new IllegalStateException("assignment: a campaign item has none");
    }
    try {
      return json.readTree(JsonVariables.text(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("assignment is not JSON: " + value, e);
    }
  }

  public String unitOf(Object assignment) {
    return assignmentTree(assignment).path(UNIT_ID).asText();
  }

  public String unitName(VariableScope scope, Object assignment) {
    JsonNode node = assignmentTree(assignment);
    if (node.hasNonNull(UNIT_NAME)) {
      return node.get(UNIT_NAME).asText();
    }
    String unitId = node.path(UNIT_ID).asText();
    return unitNames(scope).getOrDefault(unitId, unitId);
  }

  public String itemTitle(VariableScope scope, Object assignment) {
    JsonNode node = assignmentTree(assignment);
    if (node.hasNonNull(TITLE)) {
      return node.get(TITLE).asText();
    }
    JsonNode items = items(scope);
    JsonNode item = items.get(node.path(ITEM).asInt());
    if (item == null) {
      throw new IllegalStateException("assignment: item " + node.path(ITEM) + " is not one of the campaign's " + items.size()
          + " main contents: " + node);
    }
    return item.path("title").asText();
  }

  /** The main contents a unit takes part in, numbered, for its report. */
  public String itemsOf(VariableScope scope, String unitId) {
    return itemsOf(items(scope), unitId);
  }

  static String itemsOf(JsonNode items, String unitId) {
    StringBuilder text = new StringBuilder();
    int n = 0;
    for (JsonNode item : items) {
      for (JsonNode unit : item.path("units")) {
        if (unitId.equals(unit.path("id").asText())) {
          text.append(++n).append(". ").append(item.path("title").asText()).append('\n');
        }
      }
    }
    return text.toString().trim();
  }

  /** Create listener of a main content's task: what and for whom, in the task's name and form. */
  public void setUpItemTask(DelegateTask task) {
    Object assignment = task.getVariable(ASSIGNMENT);
    String title = itemTitle(task, assignment);
    String unitName = unitName(task, assignment);
    task.setVariableLocal("itemTitle", title);
    task.setVariableLocal("unitName", unitName);
    task.setVariableLocal("itemReport", "");
    task.setVariableLocal("itemCompletedOn", null);
    task.setName("【" + task.getVariable(CAMPAIGN_NAME) + "】" + shorten(title) + " · " + unitName);
  }

  /** Create listener of a unit's campaign report. */
  public void setUpReportTask(DelegateTask task) {
    String unit = (String) task.getVariable(REPORT_UNIT);
    task.setVariableLocal("unitName", unitNames(task).getOrDefault(unit, unit));
    task.setVariableLocal("myItemsText", itemsOf(task, unit));
    task.setVariableLocal("campaignReport", "");
    task.setName("【" + task.getVariable(CAMPAIGN_NAME) + "】阶段总结 · " + unitNames(task).getOrDefault(unit, unit));
  }

  static String shorten(String title) {
    String firstClause = title.split("[，。；]")[0];
    return firstClause.length() > 30 ? firstClause.substring(0, 30) + "…" : firstClause;
  }

  private JsonNode items(VariableScope scope) {
    return items(scope.getVariable(CAMPAIGN_ITEMS));
  }

  /** The campaign's items, from the value of {@code campaignItems} (typed JSON or text). */
  static JsonNode items(Object campaignItems) {
    try {
      return json.readTree(JsonVariables.text(campaignItems));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("campaignItems is not JSON", e);
    }
  }
}

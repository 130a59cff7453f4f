package org.campaigndesk.task;

import org.campaigndesk.kernel.JsonLists;
import static org.campaigndesk.kernel.KeyTaskVariables.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.kernel.Json;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.Zones;
import org.campaigndesk.plan.PlanFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives running key tasks started before the record ({@link KeyTaskRecord}) their record, at
 * start-up (after {@link KeyTaskUpgrade}, before the job executor runs): built from their separate
 * variables, written by the record's own write method, then
 * <ol>
 *   <li>key tasks of a definition whose diagram reads the separate variables ({@value #LEGACY_READ})
 *       move to the latest definition (same activity ids, a running completion watch into the
 *       subprocess that now starts it, as {@link KeyTaskUpgrade} moves them; their embedded forms
 *       then come from the latest deployment too, which read the record);</li>
 *   <li>the separate variables the record replaces go from every key task on a definition that reads
 *       the record.</li>
 * </ol>
 * A key task its definition cannot yet move (one {@link KeyTaskUpgrade} keeps on a definition with
 * its own review timers while a review is open) gets its record and keeps its separate variables,
 * which that definition still reads, until a later start moves it. Each step is safe to repeat: a
 * record is built only where none is, and a second run finds nothing to do.
 */
@Component
@Order(25)
public class KeyTaskRecordUpgrade implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(KeyTaskRecordUpgrade.class);

  /** What a diagram that reads the facts as separate variables has (the lead unit's candidate group). */
  static final String LEGACY_READ = "${leadUnitId}";

  /** The separate variables the record replaces (its index stays, rewritten from the record). */
  static final List<String> REPLACED = KeyTaskRecord.FACT_NAMES.stream()
      .filter(name -> !name.equals(KeyTaskRecord.VARIABLE) && !KeyTaskRecord.INDEX.contains(name)).toList();

  private static final Pattern EXTENDED = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日前（经批准延期，原(\\d{4})年(\\d{1,2})月(\\d{1,2})日前）");

  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  /** How key tasks move between definitions (the completion watch's place included). */
  private final KeyTaskUpgrade structure;

  public KeyTaskRecordUpgrade(RepositoryService repositoryService, RuntimeService runtimeService, KeyTaskUpgrade structure) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.structure = structure;
  }

  public record Result(int recorded, int migrated, int cleaned, int kept) {}

  @Override
  public void run(ApplicationArguments args) {
    Result result;
    try {
      result = upgrade();
    } catch (RuntimeException e) {
      // Records are only added before anything is moved or removed: what is left is done at the next start.
      LOG.error("Key task record upgrade not finished at this start; it runs again at the next", e);
      return;
    }
    if (result.recorded() + result.migrated() + result.cleaned() + result.kept() > 0) {
      LOG.info("Key task records: {} built from separate variables, {} key tasks moved to the current definition, {} cleaned of"
          + " the separate variables, {} kept with them on a definition that still reads them", result.recorded(),
          result.migrated(), result.cleaned(), result.kept());
    }
  }

  public Result upgrade() {
    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY)
        .withoutTenantId().latestVersion().singleResult();
    if (latest == null || readsSeparateVariables(latest)) {
      return new Result(0, 0, 0, 0);
    }
    Map<String, Boolean> legacyDefinitions = new HashMap<>();
    List<ProcessInstance> running = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).list();
    int recorded = 0;
    for (ProcessInstance instance : running) {
      if (giveRecord(runtimeService, instance)) {
        recorded++;
      }
    }
    int migrated = 0;
    for (ProcessDefinition definition : repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROCESS_KEY).list()) {
      if (definition.getId().equals(latest.getId()) || !legacy(definition, legacyDefinitions) || !movable(definition)) {
        continue;
      }
      List<String> ids = runtimeService.createProcessInstanceQuery().processDefinitionId(definition.getId()).list().stream()
          .map(ProcessInstance::getId).toList();
      if (ids.isEmpty()) {
        continue;
      }
      MigrationPlan plan = structure.migrationPlan(definition, latest);
      for (String id : ids) {
        try {
          runtimeService.newMigration(plan).processInstanceIds(id).execute();
          structure.afterMigration(definition, latest, List.of(id));
          migrated++;
        } catch (RuntimeException e) {
          // The engine cannot move an instance with a pending job of the application's own (no execution,
          // kernel.DeferredJobs) until that job has run: it stays where it is, record and separate variables both.
          LOG.warn("Key task {} not moved to the current definition at this start ({}); it is at the next", id, e.getMessage());
        }
      }
    }
    int cleaned = 0;
    int kept = 0;
    for (ProcessInstance instance : runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).list()) {
      List<String> separate = new ArrayList<>(runtimeService.getVariables(instance.getId(), REPLACED).keySet());
      if (separate.isEmpty()) {
        continue;
      }
      ProcessDefinition definition = repositoryService.getProcessDefinition(instance.getProcessDefinitionId());
      if (legacy(definition, legacyDefinitions)) {
        kept++;
        continue;
      }
      runtimeService.removeVariables(instance.getId(), separate);
      cleaned++;
    }
    return new Result(recorded, migrated, cleaned, kept);
  }

  /**
   * The record of a key task as main kept it: its separate variables (lists as comma-separated ids,
   * the unit names as a JSON object, the deadline three times), with the plan's facts for the leaders'
   * names where its annual plan carries them.
   */
  static KeyTaskRecord record(Map<String, Object> v, PlanFacts plan) {
    Map<String, String> unitNames = new LinkedHashMap<>(jsonMap(v.get(UNIT_NAMES)));
    if (plan != null) {
      plan.units().forEach(u -> unitNames.putIfAbsent(u.id(), u.name()));
    }
    String leadUnitId = text(v.get(LEAD_UNIT_ID));
    if (leadUnitId != null && v.get(LEAD_UNIT_NAME) != null) {
      unitNames.put(leadUnitId, v.get(LEAD_UNIT_NAME).toString());
    }
    List<String> leaderIds = JsonLists.read(v.get(LEAD_LEADER_IDS));
    Map<String, String> leaderNames = new LinkedHashMap<>();
    List<String> namesGiven = v.get(LEAD_LEADER_NAMES) == null ? List.of() : List.of(v.get(LEAD_LEADER_NAMES).toString().split("、"));
    for (int i = 0; i < leaderIds.size(); i++) {
      String id = leaderIds.get(i);
      String name = plan != null && plan.leader(id).isPresent() ? plan.leaderName(id)
          : namesGiven.size() == leaderIds.size() ? namesGiven.get(i) : id;
      leaderNames.put(id, name);
    }
    String zone = text(v.get(PLAN_TIMEZONE));
    LocalDate deadline = v.get(DEADLINE_DATE) != null ? LocalDate.parse(v.get(DEADLINE_DATE).toString())
        : v.get(DEADLINE) instanceof Date at ? LocalDate.ofInstant(at.toInstant(), Zones.orDefault(zone)) : null;
    String deadlineText = text(v.get(DEADLINE_TEXT));
    LocalDate extendedFrom = null;
    String wording = null;
    Matcher extended = deadlineText == null ? null : EXTENDED.matcher(deadlineText);
    if (extended != null && extended.matches()) {
      extendedFrom = LocalDate.of(Integer.parseInt(extended.group(4)), Integer.parseInt(extended.group(5)),
          Integer.parseInt(extended.group(6)));
    } else if (deadline != null) {
      wording = KeyTaskStarter.wording(deadline, deadlineText);
    }
    String campaignId = text(v.get(CAMPAIGN_ID));
    boolean ownerKnown = !Boolean.FALSE.equals(v.get(OWNER_KNOWN));
    Object summary = v.get(KeyTaskReviews.SUMMARY_DATE);
    return new KeyTaskRecord(text(v.get(PLAN_ID)), text(v.get(PLAN_TITLE)), zone, Integer.parseInt(v.get(TASK_NO).toString()),
        text(v.get(TASK_TITLE)), text(v.get(TASK_LABEL)), text(v.get(TASK_DESCRIPTION)),
        v.get(YEAR_OF_TASK) == null ? null : Integer.valueOf(v.get(YEAR_OF_TASK).toString()), ownerKnown,
        KeyTaskRecord.refs(leaderIds, leaderNames),
        ownerKnown && leadUnitId != null ? new KeyTaskRecord.Ref(leadUnitId, unitNames.getOrDefault(leadUnitId, leadUnitId)) : null,
        KeyTaskRecord.refs(JsonLists.read(v.get(CO_LEAD_UNIT_IDS)), unitNames),
        KeyTaskRecord.refs(JsonLists.read(v.get(RESPONSIBLE_UNIT_IDS)), unitNames), jsonMap(v.get(UNIT_ALIASES)),
        ownerKnown ? deadline : null, wording, extendedFrom,
        campaignId == null || campaignId.isEmpty() ? null : new KeyTaskRecord.Ref(campaignId, text(v.get(CAMPAIGN_NAME))),
        text(v.get(RESPONSIBLE_PERSON_TEXT)), text(v.get(TARGETS_TEXT)),
        summary == null ? null : LocalDate.parse(summary.toString()),
        JsonLists.read(v.get(KeyTaskReviews.PROGRESS_REPORT_DATES)).stream().map(LocalDate::parse).toList(),
        Boolean.TRUE.equals(v.get(org.campaigndesk.reminder.WatchVariables.DEADLINE_PASSED)));
  }

  /**
   * Gives a key task without a record the one its separate variables make (they stay until the key
   * task is on a definition that reads the record). Also {@link KeyTaskUpgrade}'s, before it moves a
   * key task: the current definition's expressions read the record, some of them during the move (the
   * date of a watch's start timer the migration adds).
   *
   * @return whether it had none and was given one
   */
  static boolean giveRecord(RuntimeService runtimeService, ProcessInstance instance) {
    Map<String, Object> variables = runtimeService.getVariables(instance.getId(), KeyTaskRecord.FACT_NAMES);
    if (variables.get(KeyTaskRecord.VARIABLE) != null) {
      return false;
    }
    runtimeService.setVariables(instance.getId(), record(variables, planFactsOf(runtimeService, instance)).variables());
    return true;
  }

  /** The plan's facts its annual plan carries, if the key task was called by one. */
  private static PlanFacts planFactsOf(RuntimeService runtimeService, ProcessInstance keyTask) {
    ProcessInstance annual = runtimeService.createProcessInstanceQuery().subProcessInstanceId(keyTask.getId()).singleResult();
    Object value = annual == null ? runtimeService.getVariable(keyTask.getId(), PlanFacts.VARIABLE)
        : runtimeService.getVariable(annual.getId(), PlanFacts.VARIABLE);
    return value == null ? null : PlanFacts.read(value);
  }

  private boolean legacy(ProcessDefinition definition, Map<String, Boolean> known) {
    return known.computeIfAbsent(definition.getId(), id -> readsSeparateVariables(definition));
  }

  private boolean readsSeparateVariables(ProcessDefinition definition) {
    try (InputStream in = repositoryService.getProcessModel(definition.getId())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(LEGACY_READ);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A definition whose instances the engine can move here: not one with the key task's own review timers. */
  private boolean movable(ProcessDefinition definition) {
    var model = repositoryService.getBpmnModelInstance(definition.getId());
    return model.getModelElementById(KeyTaskUpgrade.OLD_REVIEWS) == null
        && model.getModelElementById(KeyTaskUpgrade.OLD_MONTHLY_TIMER) == null;
  }

  private static Map<String, String> jsonMap(Object value) {
    Map<String, String> map = new LinkedHashMap<>();
    String text = JsonVariables.text(value);
    if (text == null || text.isBlank()) {
      return map;
    }
    try {
      Json.MAPPER.readTree(text).fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a key task's " + value + " is not the JSON object main wrote", e);
    }
    return map;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}

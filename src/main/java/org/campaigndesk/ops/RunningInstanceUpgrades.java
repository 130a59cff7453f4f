package org.campaigndesk.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.campaigndesk.campaign.CampaignVariables;
import org.campaigndesk.campaign.Campaigns;
import org.campaigndesk.kernel.Decisions;
import org.campaigndesk.kernel.Json;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.kernel.LoopMigrations;
import org.campaigndesk.reminder.WatchVariables;
import org.campaigndesk.task.ReviewCalendar;
import org.campaigndesk.campaign.AnnualPlanStarter;
import org.campaigndesk.dispatch.Dispatch;
import org.campaigndesk.dispatch.InstructionList;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.spin.Spin;
import org.camunda.spin.plugin.variable.SpinValues;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.scoring.ScoreAppeal;
import org.campaigndesk.scoring.Scoring;
import org.campaigndesk.supervision.RectificationInputs;
import org.campaigndesk.reminder.WatchUpgrade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Brings instances started by an earlier version onto today's facts, once, at start-up (before the
 * job executor starts, which waits for the application to be ready):
 * <ul>
 * <li>decisions in the one vocabulary ({@link Decisions}): a rectification's verification
 * {@code reject} becomes {@code return}, a score appeal's decision {@code accept}/{@code reject}
 * becomes {@code approve}/{@code refuse}. Those processes use embedded forms, which an instance reads
 * from its own version's deployment; so instances whose version still offers the old values move
 * to the latest version (same activities), whose form and gateways speak the new ones;</li>
 * <li>due dates named {@code <step>Due} / {@code <step>DueText}: a scoring's {@code appealDeadline}
 * becomes {@code appealDue} (versions whose diagram still reads the old name move to the latest);</li>
 * <li>a rectification names the key task it concerns by number ({@code keyTaskNo}), not by label;</li>
 * <li>a campaign's running assignments are typed JSON, not {@code "itemIndex:unitId"} text;</li>
 * <li>a dispatch's instructions are typed JSON that say who gave them and when, kept by the dispatch
 * alone; one whose line the key task recorded itself (main did, on sending it) is marked so, so that the
 * key task's history does not list it twice;</li>
 * <li>the annual plan's and the scoring's lists (key task numbers, campaigns, earlier year ends,
 * quarters, units that may appeal) are typed JSON, not comma-separated text.</li>
 * <li>campaigns of versions whose item jobs were exclusive move to the latest, whose item jobs run side by side
 * (in chunks); one whose window is open stays on its version until the window closes;</li>
 * <li>deadline watches of earlier versions name the scope they guard, and a passed deadline that their
 * caller did not receive (it did not listen yet) is reported again ({@link WatchUpgrade}).</li>
 * </ul>
 * Each step finds nothing to do on a database that has none of these left. A migration the engine
 * refuses (say a later version renamed an activity that instances wait in) does not stop the
 * application: it is logged with the definition and instance ids, those instances stay on their
 * definition, the later steps leave them alone, and the health component {@code upgrades} and the
 * gauge {@code campaigndesk.upgrades.left.behind} show them ({@link UpgradeFailures}).
 */
@Component
@Order(30)
public class RunningInstanceUpgrades implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(RunningInstanceUpgrades.class);
  private static final Pattern OLD_ASSIGNMENT = Pattern.compile("(\\d+):(.+)");

  /**
   * A version deployed before: its deployment's {@code resource} still holds {@code oldText} (or,
   * {@code lacking}, does not yet hold it).
   */
  record Legacy(String processKey, String resource, String oldText, boolean lacking, String staysWhileJobAt) {

    Legacy(String processKey, String resource, String oldText) {
      this(processKey, resource, oldText, false, null);
    }

    Legacy(String processKey, String resource, String oldText, boolean lacking) {
      this(processKey, resource, oldText, lacking, null);
    }
  }

  /** What a loop keeps on the process instance that a sequential multi-instance of earlier versions held per instance. */
  static final Map<String, List<String>> LOOP_ELEMENTS = Map.of(Scoring.PROCESS_KEY, List.of(Scoring.QUARTER));

  /** Old values of a variable, and what each now is. */
  record Values(String processKey, String variable, Map<String, String> renamed) {}

  /** A variable's old name, and its name now. */
  record Name(String processKey, String oldName, String newName) {}

  static final String DEADLINE_STATUS = "SubProcess_DeadlineStatus";
  static final String CAMPAIGN_ITEMS_SIDE_BY_SIDE = "camunda:asyncBefore=\"true\" camunda:exclusive=\"false\"";

  static final List<Legacy> LEGACY = List.of(
      new Legacy("rectification", "forms/rectification-verify.html", "reject:"),
      new Legacy(Scoring.PROCESS_KEY, "forms/score-appeal-decision.html", "accept:"),
      new Legacy(Scoring.PROCESS_KEY, "processes/quarterly-scoring.bpmn", "${appealDeadline}"),
      // Versions from before their deadline watch reported by message: they move to where they listen for it.
      new Legacy("rectification", "processes/rectification.bpmn", DEADLINE_STATUS, true),
      new Legacy("supervision-target", "processes/supervision-target.bpmn", DEADLINE_STATUS, true),
      // Versions whose campaign items' jobs were exclusive (run one after another per campaign): they move to
      // where the items' jobs run side by side. A campaign whose window is open (its closing timer waits) stays
      // until it closes: its items cannot move into today's chunks of items (a loop the engine's migration does
      // not create), and its item jobs run as they were written.
      new Legacy("campaign", "processes/campaign.bpmn", CAMPAIGN_ITEMS_SIDE_BY_SIDE, true, "Timer_WindowCloses"));

  static final List<Values> DECISIONS = List.of(
      new Values("rectification", "verifyDecision", Map.of("reject", Decisions.RETURN)),
      new Values(Scoring.PROCESS_KEY, ScoreAppeal.APPEAL_DECISION, Map.of("accept", Decisions.APPROVE, "reject", Decisions.REFUSE)));

  /** Lists main kept as comma-separated text, by process. */
  static final Map<String, List<String>> LISTS = Map.of(
      AnnualPlanStarter.PROCESS_KEY, List.of(AnnualPlanStarter.KEY_TASK_NOS, AnnualPlanStarter.CAMPAIGN_IDS,
          AnnualPlanStarter.EARLIER_YEAR_ENDS),
      Scoring.PROCESS_KEY, List.of(Scoring.QUARTERS, Scoring.APPEAL_UNIT_IDS, ScoreAppeal.APPEAL_LINE_IDS),
      "rectification", List.of(KeyTaskVariables.LEAD_LEADER_IDS),
      "supervision-target", List.of(KeyTaskVariables.LEAD_LEADER_IDS),
      ReviewCalendar.PROCESS_KEY, List.of(ReviewCalendar.ANNOUNCED, ReviewCalendar.QUARTERLY_REPORT_DATES, ReviewCalendar.SUMMARY_DATES),
      "deadline-watch", List.of(WatchVariables.HANDLED_OFFSETS));

  static final List<Name> DUE_DATES = List.of(
      new Name(Scoring.PROCESS_KEY, "appealDeadline", Scoring.APPEAL_DUE),
      new Name(Scoring.PROCESS_KEY, "appealDeadlineText", Scoring.APPEAL_DUE_TEXT));

  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final org.camunda.bpm.engine.ManagementService managementService;
  private final TaskService taskService;
  private final WatchUpgrade watches;
  private final UpgradeFailures failures;

  public RunningInstanceUpgrades(RuntimeService runtimeService, RepositoryService repositoryService, TaskService taskService,
      org.camunda.bpm.engine.ManagementService managementService, WatchUpgrade watches, UpgradeFailures failures) {
    this.managementService = managementService;
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.taskService = taskService;
    this.watches = watches;
    this.failures = failures;
  }

  @Override
  public void run(ApplicationArguments args) {
    int moved = 0;
    for (Legacy legacy : LEGACY) {
      moved += migrateToLatest(legacy);
    }
    int renamed = 0;
    for (Values values : DECISIONS) {
      renamed += renameValues(values);
    }
    for (Name name : DUE_DATES) {
      renamed += rename(name);
    }
    int numbered = numberRectifications();
    int typed = typeAssignments() + typeInstructions() + typeLists();
    int scoped = watches.giveScopes();
    int reported = watches.reportAgain();
    if (moved + renamed + numbered + typed + scoped + reported > 0) {
      LOG.info("Running instances upgraded: {} moved to their process's latest version, {} decisions renamed, {} rectifications"
          + " numbered by key task, {} assignments, instructions and lists typed, {} deadline watches given their scope, {}"
          + " passed deadlines reported again", moved, renamed, numbered, typed, scoped, reported);
    }
  }

  /** Instances of a version whose deployment offers the old values move to the latest version. */
  int migrateToLatest(Legacy legacy) {
    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(legacy.processKey())
        .withoutTenantId().latestVersion().singleResult();
    if (latest == null) {
      return 0;
    }
    int moved = 0;
    for (ProcessDefinition old : repositoryService.createProcessDefinitionQuery().processDefinitionKey(legacy.processKey())
        .withoutTenantId().list()) {
      if (old.getId().equals(latest.getId()) || failures.hasLeft(old.getId()) || !offers(old, legacy)) {
        continue;
      }
      // The engine's migration cannot read an instance that holds a job without an execution (the application's
      // deferred work, e.g. a mail still to send) and would refuse them all: such an instance moves at a later
      // start, once that job has run.
      List<String> running = runtimeService.createProcessInstanceQuery().processDefinitionId(old.getId()).list().stream()
          .map(ProcessInstance::getId).filter(id -> managementService.createJobQuery().processInstanceId(id).list().stream()
              .allMatch(job -> job.getExecutionId() != null))
          .filter(id -> legacy.staysWhileJobAt() == null
              || managementService.createJobQuery().processInstanceId(id).activityId(legacy.staysWhileJobAt()).count() == 0).toList();
      if (running.isEmpty()) {
        continue;
      }
      try {
        // Equal activities; and those of a sequential multi-instance that is a loop in the latest (the scoring's quarters).
        LoopMigrations.migrate(runtimeService, repositoryService, old.getId(), latest.getId(), running, true,
            LOOP_ELEMENTS.getOrDefault(legacy.processKey(), List.of()));
        moved += running.size();
      } catch (RuntimeException e) {
        // The migration is one transaction: none of these moved. They run on where they are.
        failures.leftBehind(old.getId(), latest.getId(), running, e);
      }
    }
    return moved;
  }

  private boolean offers(ProcessDefinition definition, Legacy legacy) {
    if (!repositoryService.getDeploymentResourceNames(definition.getDeploymentId()).contains(legacy.resource())) {
      return false;
    }
    try (InputStream in = repositoryService.getResourceAsStream(definition.getDeploymentId(), legacy.resource())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(legacy.oldText()) != legacy.lacking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Old decision values already recorded (a returned rectification, an appeal decided but not yet mailed). */
  int renameValues(Values legacy) {
    List<String> instances = movedOrCurrent(legacy.processKey());
    if (instances.isEmpty()) {
      return 0;
    }
    int renamed = 0;
    for (VariableInstance v : runtimeService.createVariableInstanceQuery().variableName(legacy.variable())
        .processInstanceIdIn(instances.toArray(String[]::new)).list()) {
      String now = v.getValue() == null ? null : legacy.renamed().get(v.getValue().toString());
      if (now == null) {
        continue;
      }
      if (v.getTaskId() != null) {
        taskService.setVariableLocal(v.getTaskId(), v.getName(), now);
      } else {
        runtimeService.setVariableLocal(v.getExecutionId(), v.getName(), now);
      }
      renamed++;
    }
    return renamed;
  }

  /**
   * The running instances of {@code processKey} but those a failed migration left on a definition
   * that still reads the old values and names.
   */
  private List<String> movedOrCurrent(String processKey) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(processKey).list().stream()
        .filter(i -> !failures.isLeftBehind(i.getId())).map(ProcessInstance::getId).toList();
  }

  /** A variable under its old name takes its new one, in the scope where it was set. */
  int rename(Name name) {
    List<String> instances = movedOrCurrent(name.processKey());
    if (instances.isEmpty()) {
      return 0;
    }
    int renamed = 0;
    for (VariableInstance v : runtimeService.createVariableInstanceQuery().variableName(name.oldName())
        .processInstanceIdIn(instances.toArray(String[]::new)).list()) {
      if (v.getTaskId() != null) {
        taskService.setVariableLocal(v.getTaskId(), name.newName(), v.getTypedValue());
        taskService.removeVariableLocal(v.getTaskId(), name.oldName());
      } else {
        runtimeService.setVariableLocal(v.getExecutionId(), name.newName(), v.getTypedValue());
        runtimeService.removeVariableLocal(v.getExecutionId(), name.oldName());
      }
      renamed++;
    }
    return renamed;
  }

  /** Rectifications from before {@code keyTaskNo}: their key task found by its label among the plan's. */
  int numberRectifications() {
    int numbered = 0;
    for (ProcessInstance rectification : runtimeService.createProcessInstanceQuery().processDefinitionKey("rectification").list()) {
      Map<String, Object> v = runtimeService.getVariables(rectification.getId(),
          List.of(RectificationInputs.KEY_TASK_NO, RectificationInputs.KEY_TASK_LABEL));
      if (v.containsKey(RectificationInputs.KEY_TASK_NO)) {
        continue;
      }
      Integer no = null;
      Object facts = runtimeService.getVariable(rectification.getRootProcessInstanceId(), PlanFacts.VARIABLE);
      if (facts != null && v.get(RectificationInputs.KEY_TASK_LABEL) != null) {
        String label = v.get(RectificationInputs.KEY_TASK_LABEL).toString();
        no = PlanFacts.read(facts).keyTasks().stream().filter(t -> t.label().equals(label)).map(PlanFacts.KeyTask::no)
            .findFirst().orElse(null);
      }
      runtimeService.setVariable(rectification.getId(), RectificationInputs.KEY_TASK_NO, no);
      numbered++;
    }
    return numbered;
  }

  /** Campaign assignments "itemIndex:unitId" become {"item": index, "unitId": id}. */
  int typeAssignments() {
    int typed = 0;
    for (VariableInstance v : runtimeService.createVariableInstanceQuery().variableName(CampaignVariables.ASSIGNMENT).list()) {
      Matcher old = v.getValue() instanceof String text ? OLD_ASSIGNMENT.matcher(text) : null;
      if (old == null || !old.matches()) {
        continue;
      }
      runtimeService.setVariableLocal(v.getExecutionId(), v.getName(), Campaigns.assignment(Integer.parseInt(old.group(1)), old.group(2)));
      typed++;
    }
    return typed;
  }

  /**
   * A dispatch's instructions from before: the meeting's list as JSON text becomes typed JSON; each
   * instruction (JSON text {"taskNo", "text", "dueDate"}) becomes typed JSON with its leader and month, marked
   * {@code onKeyTask} when its follow-up exists already (main had then written its line into the key task).
   */
  int typeInstructions() {
    int typed = 0;
    List<String> dispatches = runtimeService.createProcessInstanceQuery().processDefinitionKey(Dispatch.PROCESS_KEY).list()
        .stream().map(ProcessInstance::getId).toList();
    if (dispatches.isEmpty()) {
      return 0;
    }
    for (VariableInstance v : runtimeService.createVariableInstanceQuery().processInstanceIdIn(dispatches.toArray(String[]::new))
        .variableNameIn(Dispatch.INSTRUCTIONS, Dispatch.INSTRUCTION).list()) {
      if (!(v.getValue() instanceof String text)) {
        continue;
      }
      if (Dispatch.INSTRUCTIONS.equals(v.getName())) {
        runtimeService.setVariableLocal(v.getExecutionId(), v.getName(), SpinValues.jsonValue(text).create());
      } else {
        JsonNode old = readJson(text);
        boolean sent = taskService.createTaskQuery().processInstanceId(v.getProcessInstanceId())
            .taskDefinitionKey("Task_FollowInstruction").list().stream()
            .anyMatch(t -> text.equals(taskService.getVariable(t.getId(), Dispatch.INSTRUCTION)));
        String due = old.path("dueDate").asText("");
        ObjectNode now = new InstructionList.Instruction(old.path("taskNo").asInt(), old.path("text").asText(),
            due.isEmpty() ? null : java.time.LocalDate.parse(due))
            .json((String) runtimeService.getVariable(v.getExecutionId(), "leaderName"),
                (String) runtimeService.getVariable(v.getExecutionId(), "dispatchMonthLabel"));
        if (sent) {
          now.put(Dispatch.ON_KEY_TASK, true);
        }
        runtimeService.setVariableLocal(v.getExecutionId(), v.getName(), Spin.JSON(now.toString()));
      }
      typed++;
    }
    return typed;
  }

  private static JsonNode readJson(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }

  /** Comma-separated lists (text, or bytes where long) become typed JSON lists of the same items. */
  int typeLists() {
    int typed = 0;
    for (Map.Entry<String, List<String>> process : LISTS.entrySet()) {
      String[] instances = runtimeService.createProcessInstanceQuery().processDefinitionKey(process.getKey()).list().stream()
          .map(ProcessInstance::getId).toArray(String[]::new);
      if (instances.length == 0) {
        continue;
      }
      for (VariableInstance v : runtimeService.createVariableInstanceQuery().processInstanceIdIn(instances)
          .variableNameIn(process.getValue().toArray(String[]::new)).list()) {
        if (v.getValue() instanceof String || v.getValue() instanceof byte[]) {
          runtimeService.setVariableLocal(v.getExecutionId(), v.getName(), JsonLists.of(JsonLists.fromCommaText(v.getValue())));
          typed++;
        }
      }
    }
    return typed;
  }
}

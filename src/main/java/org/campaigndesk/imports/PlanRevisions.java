package org.campaigndesk.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.campaigndesk.plan.Plan;
import org.campaigndesk.plan.PlanError;
import org.campaigndesk.plan.PlanFacts;
import org.campaigndesk.plan.PlanPrincipals;
import org.campaigndesk.plan.PlanReader;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.plan.PlanValidationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.campaigndesk.campaign.AnnualPlanStarter;
import org.campaigndesk.identity.IdentitySync;
import org.campaigndesk.scoring.Scoring;
import org.campaigndesk.kernel.Clocks;
import org.campaigndesk.kernel.JsonLists;
import org.campaigndesk.task.KeyTaskInputs;
import org.campaigndesk.task.KeyTaskRecord;
import org.campaigndesk.task.KeyTaskStarter;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.campaigndesk.task.LeadUnitChange;
import org.springframework.stereotype.Service;

/**
 * The way back from an import: withdrawing a plan (its instances cancelled with a reason, their
 * history kept) and revising it (a new version of the file: key tasks matched by number keep their
 * state and history, added ones start, removed ones are cancelled).
 */
@Service
public class PlanRevisions {

  public record Revision(String planId, int revision, List<Integer> kept, List<Integer> added, List<Integer> removed,
      List<PlanError> warnings, List<PlanError> changes) {}

  static final String KEY_TASKS_ACTIVITY = "CallActivity_KeyTasks";

  private final PlanImportService imports;
  private final PlanReader reader;
  private final PlanRepository repository;
  private final PlanPrincipals principals;
  private final IdentitySync identitySync;
  private final RuntimeService runtimeService;

  public PlanRevisions(PlanImportService imports, PlanReader reader, PlanRepository repository, PlanPrincipals principals,
      IdentitySync identitySync, RuntimeService runtimeService) {
    this.imports = imports;
    this.reader = reader;
    this.repository = repository;
    this.principals = principals;
    this.identitySync = identitySync;
    this.runtimeService = runtimeService;
  }

  /** Cancels every instance of the plan (their history stays) and marks the plan withdrawn. */
  public PlanRepository.StoredPlan withdraw(String planId, String reason, PlanImportService.Importer by) {
    if (reason == null || reason.isBlank()) {
      throw new PlanValidationException(List.of(new PlanError("reason", "is required: say why the plan is withdrawn")));
    }
    if (reason.length() > 500) {
      throw new PlanValidationException(List.of(new PlanError("reason", "is " + reason.length() + " characters long; at most 500")));
    }
    return imports.serially(keys(planId), () -> {
      PlanRepository.StoredPlan stored = repository.find(planId).orElseThrow(() -> new PlanNotFoundException(planId));
      imports.checkRegionAccess(by, regionOf(stored));
      if (PlanRepository.WITHDRAWN.equals(stored.status())) {
        throw new PlanStateException("plan '" + planId + "' was withdrawn on " + stored.statusChangedAt() + " already");
      }
      cancelAll(planId, "计划撤回：" + reason.trim());
      repository.changeStatus(planId, PlanRepository.WITHDRAWN, reason.trim(), by.userId(), now());
      return repository.find(planId).orElseThrow();
    });
  }

  /** Replaces the plan's file with a new version of it (same plan id and region). */
  public Revision revise(String planId, String source, PlanImportService.Importer by, String initialPassword) {
    return revise(planId, source, by, initialPassword, false);
  }

  /** {@code allowChanges}: units and leaders known already may change name, address or responsible person. */
  public Revision revise(String planId, String source, PlanImportService.Importer by, String initialPassword,
      boolean allowChanges) {
    Plan read = reader.read(source);
    if (!planId.equals(read.info().id())) {
      throw new PlanValidationException(List.of(new PlanError("plan.id", "'" + read.info().id()
          + "' differs from the plan being revised, '" + planId + "'; a revision keeps the plan id")));
    }
    return imports.serially(keys(planId), () -> {
      PlanRepository.StoredPlan stored = repository.find(planId).orElseThrow(() -> new PlanNotFoundException(planId));
      Plan placed = imports.placed(read);
      Plan.Region region = regionOf(stored);
      if (!placed.regionId().equals(region.id())) {
        throw new PlanValidationException(List.of(new PlanError("plan.region.id", "'" + placed.regionId()
            + "' differs from the plan's region '" + region.id() + "'; a plan cannot move to another county")));
      }
      imports.checkRegionAccess(by, region);
      if (!PlanRepository.ACTIVE.equals(stored.status())) {
        throw new PlanStateException("plan '" + planId + "' is " + stored.status() + "; only an active plan can be revised");
      }
      Plan previous = repository.load(planId);
      Plan plan = principals.assign(region.id(), placed, identitySync::isHeld, true).apply(placed);
      // What the identity store holds of the plan's people, read once for the checks and the writes.
      IdentitySync.Known known = identitySync.known(plan);
      List<PlanError> conflicts = identitySync.conflicts(plan, known);
      if (!conflicts.isEmpty()) {
        throw new PlanValidationException(conflicts);
      }
      List<PlanError> changes = PlanImportService.changesAllowed(identitySync.changes(plan, known), allowChanges);
      identitySync.sync(plan, known, initialPassword);
      repository.revise(placed, source, by.userId(), now());
      // The running instances' copy of the plan's facts follows the revision (campaigns not yet opened, names),
      // before added key tasks start from them.
      PlanFacts facts = PlanFacts.of(plan);
      runtimeService.createProcessInstanceQuery().variableValueEquals(KeyTaskVariables.PLAN_ID, planId).rootProcessInstances()
          .processDefinitionKeyIn(AnnualPlanStarter.PROCESS_KEY, Scoring.PROCESS_KEY).list()
          .forEach(root -> runtimeService.setVariable(root.getId(), PlanFacts.VARIABLE, facts.value()));

      Set<Integer> before = previous.tasks().stream().map(Plan.KeyTask::no).collect(Collectors.toCollection(TreeSet::new));
      Set<Integer> after = plan.tasks().stream().map(Plan.KeyTask::no).collect(Collectors.toCollection(TreeSet::new));
      List<Integer> kept = before.stream().filter(after::contains).toList();
      List<Integer> added = after.stream().filter(no -> !before.contains(no)).toList();
      List<Integer> removed = before.stream().filter(no -> !after.contains(no)).toList();
      for (int no : removed) {
        cancelKeyTask(planId, no);
      }
      ProcessInstance annualPlan = runtimeService.createProcessInstanceQuery()
          .processDefinitionKey(AnnualPlanStarter.PROCESS_KEY).processInstanceBusinessKey(planId).singleResult();
      List<PlanError> warnings = new ArrayList<>(plan.warnings());
      if (annualPlan == null) {
        if (!added.isEmpty()) {
          throw new PlanStateException("plan '" + planId + "' has no running annual plan; added key tasks cannot start");
        }
      } else {
        for (int no : added) {
          runtimeService.createProcessInstanceModification(annualPlan.getId())
              .startBeforeActivity(KEY_TASKS_ACTIVITY)
              .setVariableLocal(KeyTaskInputs.KEY_TASK_NO, String.valueOf(no))
              .execute();
        }
        runtimeService.setVariable(annualPlan.getId(), AnnualPlanStarter.KEY_TASK_NOS,
            JsonLists.of(after.stream().map(String::valueOf).toList()));
      }
      Set<String> campaignsBefore = previous.campaigns().stream().map(Plan.Campaign::id).collect(Collectors.toSet());
      Set<String> campaignsAfter = plan.campaigns().stream().map(Plan.Campaign::id).collect(Collectors.toSet());
      if (!campaignsBefore.equals(campaignsAfter)) {
        warnings.add(new PlanError("campaigns", "campaigns were added or removed: the running year keeps its campaigns "
            + campaignsBefore.stream().sorted().toList() + "; changed items and windows apply to campaigns not yet opened"));
      }
      int revision = repository.find(planId).orElseThrow().revision();
      return new Revision(planId, revision, kept, added, removed, warnings, changes);
    });
  }

  /**
   * 牵头单位调整: hands a running key task to another of the plan's units (named by id, name or
   * alias), with a reason; the key task's own process moves its open work and notifies the unit.
   */
  public String reassignLeadUnit(String planId, int no, String unitReference, String reason, PlanImportService.Importer by) {
    List<PlanError> errors = new ArrayList<>();
    if (unitReference == null || unitReference.isBlank()) {
      errors.add(new PlanError("leadUnit", "is required: the id or name of the new lead unit"));
    }
    if (reason == null || reason.isBlank()) {
      errors.add(new PlanError("reason", "is required: say why the lead unit changes"));
    } else if (reason.length() > 500) {
      errors.add(new PlanError("reason", "is " + reason.length() + " characters long; at most 500"));
    }
    if (!errors.isEmpty()) {
      throw new PlanValidationException(errors);
    }
    return imports.serially(keys(planId), () -> {
      PlanRepository.StoredPlan stored = repository.find(planId).orElseThrow(() -> new PlanNotFoundException(planId));
      imports.checkRegionAccess(by, regionOf(stored));
      if (!PlanRepository.ACTIVE.equals(stored.status())) {
        throw new PlanStateException("plan '" + planId + "' is " + stored.status() + "; its key tasks cannot change hands");
      }
      Plan plan = repository.load(planId);
      String ref = unitReference.trim();
      Plan.Unit unit = plan.units().stream()
          .filter(u -> u.id().equals(ref) || u.name().equals(ref) || u.aliases().contains(ref)).findFirst()
          .orElseThrow(() -> new PlanValidationException(List.of(new PlanError("leadUnit", "'" + ref + "' is not a unit of plan " + planId))));
      ProcessInstance keyTask = runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
          .processInstanceBusinessKey(KeyTaskStarter.businessKey(planId, no)).singleResult();
      if (keyTask == null) {
        throw new PlanStateException("key task " + no + " of plan '" + planId + "' is not running (closed out, cancelled or unknown)");
      }
      Map<String, Object> facts = KeyTaskRecord.facts(runtimeService.getVariables(keyTask.getId(), KeyTaskRecord.FACT_NAMES));
      if (Boolean.FALSE.equals(facts.get(KeyTaskVariables.OWNER_KNOWN))) {
        throw new PlanStateException("key task " + no + " still awaits its owner: assign it in its 分解交办 task");
      }
      if (unit.id().equals(facts.get(KeyTaskVariables.LEAD_UNIT_ID))) {
        throw new PlanStateException("'" + unit.name() + "' leads key task " + no + " already");
      }
      runtimeService.createMessageCorrelation(LeadUnitChange.MESSAGE).processInstanceId(keyTask.getId())
          .setVariablesLocal(org.camunda.bpm.engine.variable.Variables.createVariables()
              .putValue(LeadUnitChange.NEW_LEAD_UNIT, unit.id())
              .putValue(LeadUnitChange.REASON, reason.trim())
              .putValue(LeadUnitChange.CHANGED_BY, by.userId()))
          .correlate();
      return unit.id();
    });
  }

  /**
   * What a change of the stored plan waits for: its county and its id, as its imports do. A plan's
   * county never changes, so it is read before the wait; an unknown plan waits for its id alone and
   * is then reported as not found.
   */
  private List<String> keys(String planId) {
    return repository.find(planId).map(stored -> PlanImportService.keys(regionOf(stored).id(), planId))
        .orElse(List.of(ImportLocks.plan(planId)));
  }

  private Plan.Region regionOf(PlanRepository.StoredPlan stored) {
    return stored.regionId() != null ? new Plan.Region(stored.regionId(), stored.regionId())
        : imports.placed(repository.load(stored.id())).info().region();
  }

  /** Top-level instances first: cancelling them cancels the instances they called. */
  private void cancelAll(String planId, String reason) {
    List<ProcessInstance> roots;
    while (!(roots = runtimeService.createProcessInstanceQuery().variableValueEquals(KeyTaskVariables.PLAN_ID, planId)
        .rootProcessInstances().list()).isEmpty()) {
      roots.forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), reason));
    }
  }

  private void cancelKeyTask(String planId, int no) {
    String businessKey = KeyTaskStarter.businessKey(planId, no);
    runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(businessKey)
        .processDefinitionKey(KeyTaskVariables.PROCESS_KEY).list()
        .forEach(instance -> runtimeService.deleteProcessInstance(instance.getId(), "计划修订：删除第" + no + "项重点工作"));
  }

  private static Instant now() {
    return Clocks.instant();
  }
}

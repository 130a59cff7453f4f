package org.campaigndesk.imports;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campaigndesk.plan.PlanRepository;
import org.campaigndesk.plan.PlanValidationException;
import org.campaigndesk.kernel.ApiCaller;
import org.campaigndesk.config.CampaignDeskProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plans for coordinators: import (or its dry run, or a record of a past plan), list, withdraw,
 * revise. Authentication and the role check happen in ApiAuthenticationFilter, which also tells
 * which counties (regions) the caller may see and act on.
 */
@RestController
@RequestMapping("/api/plans")
public class PlanController {

  static final String USER_ATTRIBUTE = ApiCaller.USER_ATTRIBUTE;
  static final String REGIONS_ATTRIBUTE = ApiCaller.REGIONS_ATTRIBUTE;
  static final Set<String> ALL_REGIONS = ApiCaller.ALL_REGIONS;

  private final PlanImportService importService;
  private final PlanRevisions revisions;
  private final PlanRepository repository;
  private final CampaignDeskProperties properties;

  public PlanController(PlanImportService importService, PlanRevisions revisions, PlanRepository repository,
      CampaignDeskProperties properties) {
    this.importService = importService;
    this.revisions = revisions;
    this.repository = repository;
    this.properties = properties;
  }

  /**
   * YAML only: {@code text/plain} (which a cross-site HTML form may send without asking) is refused
   * with 415. The importer's document types are added by its own endpoint.
   */
  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
  public ResponseEntity<PlanImportService.ImportResult> importPlan(@RequestBody String yaml,
      @RequestParam(defaultValue = "false") boolean dryRun, @RequestParam(defaultValue = "false") boolean archive,
      @RequestParam(defaultValue = "false") boolean allowChanges, HttpServletRequest request) {
    PlanImportService.ImportResult result = importService.importPlan(yaml, importer(request), initialPassword(),
        new PlanImportService.Options(dryRun, archive, allowChanges));
    if (dryRun) {
      return ResponseEntity.ok(result);
    }
    if (PlanImportService.STARTING.equals(result.status())) {
      // A large plan: stored and its annual plan running; its key tasks start in jobs of their own.
      return ResponseEntity.accepted().location(URI.create("/api/plans/" + result.planId() + "/progress")).body(result);
    }
    return ResponseEntity.created(URI.create("/api/plans/" + result.planId())).body(result);
  }

  /** How far a plan's key tasks have been started: {@code done} once every one runs (or ran). */
  @GetMapping("/{id}/progress")
  public ResponseEntity<Map<String, Object>> progress(@PathVariable String id,
      @RequestAttribute(REGIONS_ATTRIBUTE) Set<String> regions) {
    return ResponseEntity.of(repository.find(id).filter(p -> ALL_REGIONS.equals(regions)
        || regions.contains(p.regionId() == null ? properties.defaultRegion().id() : p.regionId())).map(p -> {
          long started = importService.keyTasksStarted(id);
          Map<String, Object> body = new java.util.LinkedHashMap<>();
          body.put("planId", id);
          body.put("keyTasks", p.keyTasks());
          body.put("keyTasksStarted", started);
          body.put("state", started >= p.keyTasks() ? "done" : PlanImportService.STARTING);
          return body;
        }));
  }

  @PutMapping(value = "/{id}", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
  public PlanRevisions.Revision revise(@PathVariable String id, @RequestBody String yaml,
      @RequestParam(defaultValue = "false") boolean allowChanges, HttpServletRequest request) {
    return revisions.revise(id, yaml, importer(request), initialPassword(), allowChanges);
  }

  @DeleteMapping("/{id}")
  public PlanRepository.StoredPlan withdraw(@PathVariable String id, @RequestParam(required = false) String reason,
      HttpServletRequest request) {
    return revisions.withdraw(id, reason, importer(request));
  }

  /** The body of a lead-unit change (牵头单位调整). */
  public record LeadUnitChangeRequest(String leadUnit, String reason) {}

  @PostMapping("/{id}/tasks/{no}/lead-unit")
  public Map<String, Object> changeLeadUnit(@PathVariable String id, @PathVariable int no,
      @RequestBody LeadUnitChangeRequest change, HttpServletRequest request) {
    String unitId = revisions.reassignLeadUnit(id, no, change.leadUnit(), change.reason(), importer(request));
    return Map.of("planId", id, "taskNo", no, "leadUnit", unitId);
  }

  @GetMapping
  public List<PlanRepository.StoredPlan> plans(@RequestAttribute(REGIONS_ATTRIBUTE) Set<String> regions) {
    return ALL_REGIONS.equals(regions) ? repository.findAll() : repository.findInRegions(regions, properties.defaultRegion().id());
  }

  @GetMapping("/{id}")
  public ResponseEntity<PlanRepository.StoredPlan> plan(@PathVariable String id,
      @RequestAttribute(REGIONS_ATTRIBUTE) Set<String> regions) {
    return ResponseEntity.of(repository.find(id).filter(p -> ALL_REGIONS.equals(regions)
        || regions.contains(p.regionId() == null ? properties.defaultRegion().id() : p.regionId())));
  }

  @SuppressWarnings("unchecked")
  private static PlanImportService.Importer importer(HttpServletRequest request) {
    String userId = (String) request.getAttribute(USER_ATTRIBUTE);
    Set<String> regions = (Set<String>) request.getAttribute(REGIONS_ATTRIBUTE);
    // A coordinator acts on the counties they belong to, and may open a new one by importing its first plan.
    return new PlanImportService.Importer(userId, ALL_REGIONS.equals(regions) ? null : regions, true);
  }

  private String initialPassword() {
    return properties.demo().enabled() ? properties.demo().password() : null;
  }

  @ExceptionHandler(PlanValidationException.class)
  public ResponseEntity<Map<String, Object>> invalid(PlanValidationException e) {
    return ResponseEntity.badRequest().body(Map.of("errors", e.errors()));
  }

  @ExceptionHandler(RegionAccessDeniedException.class)
  public ResponseEntity<Map<String, Object>> forbidden(RegionAccessDeniedException e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(PlanNotFoundException.class)
  public ResponseEntity<Map<String, Object>> notFound(PlanNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(PlanStateException.class)
  public ResponseEntity<Map<String, Object>> wrongState(PlanStateException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
  }

  /** Two imports of the same plan at the same moment: the database's key decides, the loser hears so. */
  @ExceptionHandler(DuplicateKeyException.class)
  public ResponseEntity<Map<String, Object>> concurrentDuplicate(DuplicateKeyException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "this plan id was imported at the same time by another request"));
  }

  /** Lost to other imports every time it ran (rare: each run waits for the one it lost to): nothing stored, send again. */
  @ExceptionHandler(ImportRacesLostException.class)
  public ResponseEntity<Map<String, Object>> busy(ImportRacesLostException e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(PlanAlreadyImportedException.class)
  public ResponseEntity<Map<String, Object>> duplicate(PlanAlreadyImportedException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("planId", e.planId(), "error", e.getMessage()));
  }
}

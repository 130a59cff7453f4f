package org.campaigndesk.plan;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.campaigndesk.config.CampaignDeskProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Plan import for coordinators; authentication and the coordinators check happen in ApiAuthenticationFilter. */
@RestController
@RequestMapping("/api/plans")
public class PlanController {

  public static final String USER_ATTRIBUTE = "campaignDesk.userId";

  private final PlanImportService importService;
  private final PlanRepository repository;
  private final CampaignDeskProperties properties;

  public PlanController(PlanImportService importService, PlanRepository repository, CampaignDeskProperties properties) {
    this.importService = importService;
    this.repository = repository;
    this.properties = properties;
  }

  @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"})
  public ResponseEntity<PlanImportService.ImportResult> importPlan(@RequestBody String yaml,
      @RequestAttribute(USER_ATTRIBUTE) String userId) {
    String initialPassword = properties.demo().enabled() ? properties.demo().password() : null;
    PlanImportService.ImportResult result = importService.importPlan(yaml, userId, initialPassword);
    return ResponseEntity.created(URI.create("/api/plans/" + result.planId())).body(result);
  }

  @GetMapping
  public List<PlanRepository.StoredPlan> plans() {
    return repository.findAll();
  }

  @GetMapping("/{id}")
  public ResponseEntity<PlanRepository.StoredPlan> plan(@PathVariable String id) {
    return ResponseEntity.of(repository.find(id));
  }

  @ExceptionHandler(PlanValidationException.class)
  public ResponseEntity<Map<String, Object>> invalid(PlanValidationException e) {
    return ResponseEntity.badRequest().body(Map.of("errors", e.errors()));
  }

  /** Two imports of the same plan at the same moment: the database's key decides, the loser hears so. */
  @ExceptionHandler(DuplicateKeyException.class)
  public ResponseEntity<Map<String, Object>> concurrentDuplicate(DuplicateKeyException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "this plan id was imported at the same time by another request"));
  }

  @ExceptionHandler(PlanAlreadyImportedException.class)
  public ResponseEntity<Map<String, Object>> duplicate(PlanAlreadyImportedException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("planId", e.planId(), "error", e.getMessage()));
  }
}

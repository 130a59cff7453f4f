package org.campaigndesk.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.campaigndesk.scoring.Quarter;
import org.campaigndesk.scoring.ScoreAppeal;
import org.campaigndesk.scoring.ScoreLine;
import org.campaigndesk.scoring.ScoreRepository;
import org.campaigndesk.kernel.ApiCaller;
import org.campaigndesk.plan.PlanRepository;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The quarterly scores with their lines ({@code GET /api/scores?county=&plan=&quarter=2026-Q1&unit=}).
 * Totals of every unit of the visible counties (the published lists are public within a county);
 * lines only of the units the user may see (a unit its own, a coordinator his county's).
 */
@RestController
public class ScoresController {

  public record UnitScore(String planId, String county, String quarter, String unitId, String unitName, int total,
      List<ScoreLine> lines) {}

  /** {@code appealDecisions}: what each stored appeal decision means, as the decision form offers it. */
  public record Scores(String viewer, List<ScoreRepository.ScoredQuarter> quarters, List<UnitScore> units,
      Map<String, String> appealDecisions) {}

  private final ScoreRepository scores;
  private final PlanRepository plans;
  private final Viewers viewers;
  private final ShownValues shown;

  public ScoresController(ScoreRepository scores, PlanRepository plans, Viewers viewers, ShownValues shown) {
    this.scores = scores;
    this.plans = plans;
    this.viewers = viewers;
    this.shown = shown;
  }

  @GetMapping(value = "/api/scores", produces = MediaType.APPLICATION_JSON_VALUE)
  public Scores scores(@RequestAttribute(ApiCaller.USER_ATTRIBUTE) String userId,
      @RequestParam(required = false) String county, @RequestParam(required = false) String plan,
      @RequestParam(required = false) String quarter, @RequestParam(required = false) String unit) {
    if (quarter != null && !quarter.isBlank()) {
      Quarter.parse(quarter);
    }
    Viewer viewer = viewers.of(userId);
    String q = quarter == null || quarter.isBlank() ? null : quarter;
    List<ScoreRepository.ScoredQuarter> quarters = scores.scoredQuarters(plan).stream()
        .filter(s -> viewer.seesCounty(s.tenantId()) && inCounty(s.tenantId(), county) && (q == null || q.equals(s.quarter())))
        .toList();
    Set<String> keys = quarters.stream().map(s -> s.planId() + "|" + s.quarter()).collect(Collectors.toSet());
    Map<String, List<ScoreLine>> byUnit = new LinkedHashMap<>();
    for (ScoreLine line : scores.find(plan, q, unit)) {
      if (keys.contains(line.planId() + "|" + line.quarter())) {
        byUnit.computeIfAbsent(line.planId() + "|" + line.quarter() + "|" + line.unitId(), k -> new ArrayList<>()).add(line);
      }
    }
    List<UnitScore> units = new ArrayList<>();
    for (ScoreRepository.ScoredQuarter sq : quarters) {
      for (var u : plans.load(sq.planId()).units()) {
        if (unit != null && !unit.isBlank() && !unit.equals(u.id())) {
          continue;
        }
        List<ScoreLine> lines = byUnit.getOrDefault(sq.planId() + "|" + sq.quarter() + "|" + u.id(), List.of());
        int total = lines.stream().filter(ScoreLine::counts).mapToInt(ScoreLine::points).sum();
        units.add(new UnitScore(sq.planId(), sq.tenantId(), sq.quarter(), u.id(), u.name(), total,
            viewer.seesUnit(u.id()) ? lines : null));
      }
    }
    return new Scores(userId, quarters, units, shown.of(ScoreAppeal.APPEAL_DECISION));
  }

  private static boolean inCounty(String tenantId, String county) {
    return county == null || county.isBlank() || county.equals(tenantId == null ? Ledger.DEFAULT_COUNTY : tenantId);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  public ResponseEntity<Map<String, String>> badParameter(IllegalArgumentException e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("error", e.getMessage()));
  }
}

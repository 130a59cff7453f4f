package org.campaigndesk.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The installation-wide Camunda ids of a region's units and leaders. A plan names them by ids that
 * are unique within its county; Camunda's users and groups share one namespace. The rule: a unit's
 * or leader's id is used as it is (so logins stay short: {@code agri}) unless another county, or
 * any existing Camunda user or group, holds it already; then it becomes {@code <region>.<id>}
 * ({@code benxi.agri}). Once given, an id never changes.
 */
@Repository
public class PlanPrincipals {

  public static final String UNIT = "unit";
  public static final String LEADER = "leader";
  /** Camunda's user and group id columns hold 64 characters. */
  static final int MAX_PRINCIPAL_LENGTH = 64;

  /** Plan id → installation id, for units and for leaders. */
  public record Mapping(Map<String, String> units, Map<String, String> leaders) {

    /** Only the ids that differ from the plan's, as {@link Plan#withPrincipalIds} takes them. */
    public Plan apply(Plan plan) {
      return plan.withPrincipalIds(differing(units), differing(leaders));
    }

    private static Map<String, String> differing(Map<String, String> ids) {
      Map<String, String> result = new HashMap<>();
      ids.forEach((local, principal) -> {
        if (!local.equals(principal)) {
          result.put(local, principal);
        }
      });
      return result;
    }
  }

  private final JdbcTemplate jdbc;

  public PlanPrincipals(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The ids given so far in {@code regionId}. */
  public Mapping mapping(String regionId) {
    Map<String, String> units = new LinkedHashMap<>();
    Map<String, String> leaders = new LinkedHashMap<>();
    jdbc.query("select kind, local_id, principal_id from cd_principal where region_id = ?", rs -> {
      (UNIT.equals(rs.getString(1)) ? units : leaders).put(rs.getString(2), rs.getString(3));
    }, regionId);
    return new Mapping(units, leaders);
  }

  /**
   * The ids given so far in {@code regionId}, and into {@code taken} those of {@code candidates} that
   * any county holds: one query, of the plan's own ids (every id of the installation was read before,
   * some 9,000 at 129 counties, for each import).
   */
  private Mapping mappingAndTaken(String regionId, List<String> candidates, Set<String> taken) {
    Map<String, String> units = new LinkedHashMap<>();
    Map<String, String> leaders = new LinkedHashMap<>();
    List<String> asked = candidates.stream().distinct().toList();
    List<List<String>> chunks = org.campaigndesk.kernel.InChunks.of(asked);
    for (int i = 0; i < Math.max(1, chunks.size()); i++) {
      List<String> chunk = chunks.isEmpty() ? List.of() : chunks.get(i);
      List<Object> arguments = new ArrayList<>();
      arguments.add(regionId);
      arguments.addAll(chunk);
      String in = chunk.isEmpty() ? "" : " or principal_id in (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")";
      jdbc.query("select region_id, kind, local_id, principal_id from cd_principal where region_id = ?" + in, rs -> {
        if (regionId.equals(rs.getString(1))) {
          (UNIT.equals(rs.getString(2)) ? units : leaders).put(rs.getString(3), rs.getString(4));
        }
        taken.add(rs.getString(4));
      }, arguments.toArray());
    }
    return new Mapping(units, leaders);
  }

  /**
   * Gives every unit and leader of {@code plan} its installation id, keeping those given before.
   * {@code heldElsewhere} tells whether a Camunda user or group of that id exists already. Imports
   * of different counties run at once: two may pick the same free id, and the unique key on
   * {@code principal_id} lets one through; the other fails and is run again (imports.ConcurrencyFailures),
   * when it sees the id taken. With {@code store} false (a dry run) nothing is written.
   *
   * @throws PlanValidationException when even the qualified id would be too long for Camunda
   */
  public Mapping assign(String regionId, Plan plan, Predicate<String> heldElsewhere, boolean store) {
    List<String> candidates = new ArrayList<>();
    java.util.stream.Stream.concat(plan.units().stream().map(Plan.Unit::id), plan.leaders().stream().map(Plan.Leader::id))
        .forEach(id -> {
          candidates.add(id);
          candidates.add(regionId + "." + id);
        });
    Set<String> taken = new java.util.HashSet<>();
    Mapping known = mappingAndTaken(regionId, candidates, taken);
    Map<String, String> units = new LinkedHashMap<>(known.units());
    Map<String, String> leaders = new LinkedHashMap<>(known.leaders());
    List<PlanError> errors = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < plan.units().size(); i++) {
      assignOne(regionId, UNIT, plan.units().get(i).id(), "units[" + i + "].id", units, taken, heldElsewhere, rows, errors);
    }
    for (int i = 0; i < plan.leaders().size(); i++) {
      assignOne(regionId, LEADER, plan.leaders().get(i).id(), "leaders[" + i + "].id", leaders, taken, heldElsewhere, rows, errors);
    }
    if (!errors.isEmpty()) {
      throw new PlanValidationException(errors);
    }
    if (store && !rows.isEmpty()) {
      // In one order for every import, so that two picking several of the same ids wait for each other, never deadlock.
      rows.sort(java.util.Comparator.comparing(row -> (String) row[3]));
      jdbc.batchUpdate("insert into cd_principal (region_id, kind, local_id, principal_id) values (?, ?, ?, ?)", rows);
    }
    return new Mapping(units, leaders);
  }

  private static void assignOne(String regionId, String kind, String localId, String path, Map<String, String> given,
      Set<String> taken, Predicate<String> heldElsewhere, List<Object[]> rows, List<PlanError> errors) {
    if (given.containsKey(localId)) {
      return;
    }
    String principal = localId;
    if (taken.contains(principal) || heldElsewhere.test(principal)) {
      principal = regionId + "." + localId;
      if (principal.length() > MAX_PRINCIPAL_LENGTH) {
        errors.add(new PlanError(path, "'" + localId + "' is held by another county, and '" + principal
            + "' is longer than the " + MAX_PRINCIPAL_LENGTH + " characters of a login; choose a shorter id"));
        return;
      }
      if (taken.contains(principal) || heldElsewhere.test(principal)) {
        errors.add(new PlanError(path, "'" + localId + "' and '" + principal + "' are both held already; choose another id"));
        return;
      }
    }
    taken.add(principal);
    given.put(localId, principal);
    rows.add(new Object[] {regionId, kind, localId, principal});
  }

  /** Records ids given before regions existed (an upgraded installation) as they are. */
  public void adopt(String regionId, Plan plan) {
    Set<String> taken = new java.util.HashSet<>();
    Mapping known = mappingAndTaken(regionId,
        java.util.stream.Stream.concat(plan.units().stream().map(Plan.Unit::id), plan.leaders().stream().map(Plan.Leader::id)).toList(),
        taken);
    List<Object[]> rows = new ArrayList<>();
    plan.units().stream().map(Plan.Unit::id).filter(id -> !known.units().containsKey(id) && taken.add(id))
        .forEach(id -> rows.add(new Object[] {regionId, UNIT, id, id}));
    plan.leaders().stream().map(Plan.Leader::id).filter(id -> !known.leaders().containsKey(id) && taken.add(id))
        .forEach(id -> rows.add(new Object[] {regionId, LEADER, id, id}));
    if (!rows.isEmpty()) {
      jdbc.batchUpdate("insert into cd_principal (region_id, kind, local_id, principal_id) values (?, ?, ?, ?)", rows);
    }
  }
}

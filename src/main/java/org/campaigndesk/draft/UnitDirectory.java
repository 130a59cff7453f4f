package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The units a document names, one per organisation: the first spelling is the name, later
 * spellings become aliases; each gets a short ASCII id from pinyin, prefixed with the region's
 * initials (bx-fpb) because unit ids are global in an installation.
 */
final class UnitDirectory {

  private final String idPrefix;
  private final Map<String, DraftPlan.Unit.Builder> units = new LinkedHashMap<>();
  private final Set<String> usedIds = new HashSet<>();

  UnitDirectory(String idPrefix, Set<String> reservedIds) {
    this.idPrefix = idPrefix == null || idPrefix.isEmpty() ? "" : idPrefix + "-";
    this.usedIds.addAll(reservedIds);
  }

  /** The id or group token for a name as written in the document, creating the unit when it is new. */
  String resolve(String rawName, int sourceLine) {
    String name = Texts.compact(rawName);
    String token = UnitNames.token(name);
    if (token != null) {
      return token;
    }
    Optional<DraftPlan.Unit.Builder> known = find(name);
    if (known.isPresent()) {
      known.get().addSpelling(name);
      return known.get().id;
    }
    String kind = UnitNames.kind(name);
    DraftPlan.Unit.Builder unit = new DraftPlan.Unit.Builder(newId(name, kind), name, kind, sourceLine);
    units.put(unit.id, unit);
    return unit.id;
  }

  /** The id of a unit the document already named (by any spelling), without creating one. */
  Optional<String> known(String rawName) {
    return find(Texts.compact(rawName)).map(u -> u.id);
  }

  private Optional<DraftPlan.Unit.Builder> find(String name) {
    for (DraftPlan.Unit.Builder unit : units.values()) {
      if (unit.spellings().contains(name)) {
        return Optional.of(unit);
      }
    }
    for (DraftPlan.Unit.Builder unit : units.values()) {
      if (UnitNames.sameOrganisation(unit.name, name)) {
        return Optional.of(unit);
      }
    }
    return Optional.empty();
  }

  DraftPlan.Unit.Builder unit(String id) {
    return units.get(id);
  }

  boolean hasKind(String kind) {
    return units.values().stream().anyMatch(u -> u.kind.equals(kind));
  }

  boolean isKind(String id, String kind) {
    DraftPlan.Unit.Builder unit = units.get(id);
    return unit != null && unit.kind.equals(kind);
  }

  /** A unit for a collective body (各乡镇 when the plan names no township), created on demand. */
  String collective(String name, int sourceLine) {
    for (DraftPlan.Unit.Builder unit : units.values()) {
      if (unit.spellings().contains(name)) {
        return unit.id;
      }
    }
    DraftPlan.Unit.Builder unit = new DraftPlan.Unit.Builder(newId(name, "other"), name, "other", sourceLine);
    units.put(unit.id, unit);
    return unit.id;
  }

  List<DraftPlan.Unit.Builder> all() {
    return new ArrayList<>(units.values());
  }

  private String newId(String name, String kind) {
    String core = UnitNames.core(name, kind);
    // initials first (扶贫办 → fpb); on a clash the first syllable in full (水务局 → shuiwj), then all in full
    List<String> candidates = kind.equals("township")
        ? List.of(Pinyin.full(core))
        : List.of(Pinyin.initials(core),
            Pinyin.full(core.substring(0, 1)) + Pinyin.initials(core.substring(1)),
            Pinyin.full(core));
    String id = null;
    for (String base : candidates) {
      String candidate = idPrefix + shorten(base);
      if (!usedIds.contains(candidate)) {
        id = candidate;
        break;
      }
    }
    if (id == null) {
      String base = idPrefix + shorten(candidates.get(0));
      id = base;
      for (int n = 2; usedIds.contains(id); n++) {
        id = base + "-" + n;
      }
    }
    usedIds.add(id);
    return id;
  }

  private static String shorten(String base) {
    String s = base.length() > 24 ? base.substring(0, 24) : base;
    return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "u" + s : s;
  }
}

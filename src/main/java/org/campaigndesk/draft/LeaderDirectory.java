package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The leaders a document names, one per name; ids are the full-name pinyin (邝华然 → kuanghuaran). */
final class LeaderDirectory {

  private final Map<String, DraftPlan.Leader> leaders = new LinkedHashMap<>();
  private final Set<String> usedIds = new HashSet<>();

  LeaderDirectory(Set<String> reservedIds) {
    usedIds.addAll(reservedIds);
  }

  /** The leader's id, registering the person (and a title learnt later) as needed. */
  String resolve(DraftPlan.Person person) {
    String name = Texts.compact(person.name());
    DraftPlan.Leader known = leaders.get(name);
    if (known != null) {
      if (known.title() == null && person.title() != null) {
        leaders.put(name, new DraftPlan.Leader(known.id(), name, person.title()));
      }
      return known.id();
    }
    String base = Pinyin.name(name);
    if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
      base = "leader" + base;
    }
    String id = base;
    for (int n = 2; usedIds.contains(id); n++) {
      id = base + n;
    }
    usedIds.add(id);
    leaders.put(name, new DraftPlan.Leader(id, name, person.title()));
    return id;
  }

  List<DraftPlan.Leader> all() {
    return new ArrayList<>(leaders.values());
  }
}

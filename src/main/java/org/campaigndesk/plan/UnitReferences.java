package org.campaigndesk.plan;

import java.util.Map;
import java.util.Optional;

/** How people name a unit in the lines they type into forms: by its id, its name, or another spelling of the plan. */
public final class UnitReferences {

  private UnitReferences() {}

  /**
   * @param names unit id → name
   * @param aliases other spelling → unit id
   * @return the unit's id, or empty when the reference names none of these units
   */
  public static Optional<String> resolve(String reference, Map<String, String> names, Map<String, String> aliases) {
    if (names.containsKey(reference)) {
      return Optional.of(reference);
    }
    return names.entrySet().stream().filter(e -> e.getValue().equals(reference)).map(Map.Entry::getKey).findFirst()
        .or(() -> Optional.ofNullable(aliases.get(reference)));
  }
}

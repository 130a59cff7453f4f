package org.campaigndesk.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.campaigndesk.config.ResourceDeployment;
import org.campaigndesk.kernel.Json;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The fields a user fills in, per Camunda Form (forms/*.form, the same files ResourceDeployment
 * deploys): the keys of the components that are neither disabled nor read-only. Disabled fields
 * show the process's data and are not submitted by Tasklist, so nobody needs to write them; all
 * fields, shown or filled in, are what the task's holder reads ({@link #shown}).
 */
@Component
public class FormFields {

  private final Map<String, Set<String>> editableByFormId;
  private final Map<String, Set<String>> shownByFormId;

  public FormFields() {
    this(load(true), load(false));
  }

  FormFields(Map<String, Set<String>> editableByFormId, Map<String, Set<String>> shownByFormId) {
    this.editableByFormId = Map.copyOf(editableByFormId);
    this.shownByFormId = Map.copyOf(shownByFormId);
  }

  /** Every field key of the form, shown or filled in: what the task's holder may read. */
  public Optional<Set<String>> shown(String formId) {
    return Optional.ofNullable(shownByFormId.get(formId));
  }

  /** The editable field keys of the form with this id (its {@code camunda:formRef}), empty when there is no such form. */
  public Optional<Set<String>> editable(String formId) {
    return Optional.ofNullable(editableByFormId.get(formId));
  }

  private static Map<String, Set<String>> load(boolean editableOnly) {
    Map<String, Set<String>> result = new HashMap<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(ResourceDeployment.PATTERNS[1])) {
        try (InputStream in = resource.getInputStream()) {
          JsonNode form = Json.MAPPER.readTree(in);
          Set<String> keys = new LinkedHashSet<>();
          collect(form, keys, editableOnly);
          result.put(form.path("id").asText(), keys);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the forms", e);
    }
    return result;
  }

  /** Components nest (groups); every level is searched. */
  static void collect(JsonNode node, Set<String> keys, boolean editableOnly) {
    for (JsonNode component : node.path("components")) {
      boolean shownOnly = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
      if (component.hasNonNull("key") && !(editableOnly && shownOnly)) {
        keys.add(component.get("key").asText());
      }
      collect(component, keys, editableOnly);
    }
  }
}

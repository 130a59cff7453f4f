package org.campaigndesk.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campaigndesk.config.ResourceDeployment;
import org.campaigndesk.kernel.Json;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * What a stored choice means in Chinese, as the form that recorded it offered it: the one mapping
 * from stored values ({@code criticism}, {@code approve}, {@code return}, ...) to the labels the
 * ledger page, its detail view and the dossier show. Read once from the forms the application
 * deploys (Camunda Forms' radio and select {@code values}, the embedded forms' {@code cd-options});
 * where a field is in both kinds, the embedded form (which the processes use) names it first.
 * Yes/no values are 是/否; anything else is shown as stored.
 */
@Component
public class ShownValues {

  /** A value recorded under another name than the form's field. */
  static final Map<String, String> FIELD_OF = Map.of("accountabilityDecision", "accountability");

  private static final Pattern TAG = Pattern.compile("<div\\b[^>]*>", Pattern.DOTALL);
  private static final Pattern FIELD = Pattern.compile("cd-field=\"([^\"]+)\"");
  private static final Pattern OPTIONS = Pattern.compile("cd-options=\"([^\"]+)\"");

  private final Map<String, Map<String, String>> labels;

  public ShownValues() {
    this(fromForms());
  }

  ShownValues(Map<String, Map<String, String>> labels) {
    this.labels = labels;
  }

  /** The label of {@code value} recorded in {@code field}; the value itself (as text) where no form names it. */
  public String shown(String field, Object value) {
    if (value instanceof Boolean yes) {
      return yes ? "是" : "否";
    }
    String text = String.valueOf(value);
    return labels.getOrDefault(FIELD_OF.getOrDefault(field, field), Map.of()).getOrDefault(text, text);
  }

  /** Every value of {@code field} with its label, for pages that show them themselves. */
  public Map<String, String> of(String field) {
    return labels.getOrDefault(FIELD_OF.getOrDefault(field, field), Map.of());
  }

  static Map<String, Map<String, String>> fromForms() {
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    for (Resource html : resources(".html")) {
      Matcher tag = TAG.matcher(read(html));
      while (tag.find()) {
        Matcher field = FIELD.matcher(tag.group());
        Matcher options = OPTIONS.matcher(tag.group());
        if (field.find() && options.find()) {
          for (String option : options.group(1).split("\\|")) {
            String[] valueAndLabel = option.split(":", 2);
            labels.computeIfAbsent(field.group(1), k -> new LinkedHashMap<>()).putIfAbsent(valueAndLabel[0], valueAndLabel[1]);
          }
        }
      }
    }
    for (Resource form : resources(".form")) {
      try {
        collect(Json.MAPPER.readTree(read(form)), labels);
      } catch (IOException e) {
        throw new UncheckedIOException("form " + form.getFilename() + " is not JSON", e);
      }
    }
    return labels;
  }

  private static void collect(JsonNode node, Map<String, Map<String, String>> labels) {
    if (node.has("key") && node.path("values").isArray()) {
      for (JsonNode v : node.path("values")) {
        labels.computeIfAbsent(node.path("key").asText(), k -> new LinkedHashMap<>())
            .putIfAbsent(v.path("value").asText(), v.path("label").asText());
      }
    }
    node.forEach(child -> collect(child, labels));
  }

  /** The deployed forms with this ending, by name, so that the first to name a value is always the same. */
  private static List<Resource> resources(String ending) {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    List<Resource> found = new ArrayList<>();
    for (String pattern : ResourceDeployment.PATTERNS) {
      if (pattern.endsWith(ending)) {
        try {
          found.addAll(Arrays.asList(resolver.getResources(pattern)));
        } catch (IOException e) {
          throw new UncheckedIOException("forms not readable: " + pattern, e);
        }
      }
    }
    found.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
    return found;
  }

  private static String read(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("form " + resource.getFilename() + " not readable", e);
    }
  }
}

package org.campaigndesk.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.config.EmbeddedForms;
import org.campaigndesk.config.ResourceDeployment;
import org.campaigndesk.kernel.EvidenceFiles;
import org.campaigndesk.kernel.Json;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The fields a user fills in and the fields he is shown, per task form, read from the same files
 * ResourceDeployment deploys:
 * <ul>
 *   <li>Camunda Forms ({@code forms/*.form}, id = the form's id, a task's {@code camunda:formRef}):
 *       the keys of the components that are neither disabled nor read-only are filled in; all keys
 *       are shown;</li>
 *   <li>embedded HTML forms ({@code forms/*.html}, id = the task's form key
 *       {@code embedded:deployment:forms/<name>.html}): the {@code <form>} element declares them,
 *       {@code cd-shown="a,b"} and {@code cd-fields="text,rows:Json,evidence:Files"}, read as deployed
 *       ({@link EmbeddedForms}: the shared header's names are added to what it shows); the form's
 *       script reads the same attributes, so what the browser sends and what the guard lets through
 *       are written once. A {@code Files} field stands for {@link #MAX_FILES} File variables
 *       {@code <name>1…<name>N}.</li>
 * </ul>
 */
@Component
public class FormFields {

  public static final String EMBEDDED_PREFIX = "embedded:deployment:";
  /** Evidence files per submission, and the size of each: the forms state both. */
  public static final int MAX_FILES = EvidenceFiles.MAX_FILES;
  public static final int MAX_FILE_BYTES = EvidenceFiles.MAX_FILE_BYTES;

  /** A form's fields: what its user may write (with the value type each takes beyond the plain ones) and read. */
  public record Spec(Set<String> editable, Map<String, String> types, Set<String> shown) {
    public boolean takesFiles() {
      return types.containsValue("File");
    }
  }

  private static final Pattern FORM_TAG = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTE = Pattern.compile("\\b(cd-shown|cd-fields)\\s*=\\s*\"([^\"]*)\"");

  private final Map<String, Spec> specs;

  public FormFields() {
    this(load());
  }

  FormFields(Map<String, Spec> specs) {
    this.specs = Map.copyOf(specs);
  }

  /** Every field the form shows or takes: what the task's holder may read. */
  public Optional<Set<String>> shown(String formId) {
    return spec(formId).map(Spec::shown);
  }

  /** The editable field names of the form, empty when there is no such form. */
  public Optional<Set<String>> editable(String formId) {
    return spec(formId).map(Spec::editable);
  }

  public Optional<Spec> spec(String formId) {
    return Optional.ofNullable(formId == null ? null : specs.get(formId));
  }

  /** The form a task shows: its Camunda Form's key, else its form key (embedded HTML); null without either. */
  public static String formIdOf(Task task) {
    if (task.getCamundaFormRef() != null) {
      return task.getCamundaFormRef().getKey();
    }
    return task.getFormKey();
  }

  private static Map<String, Spec> load() {
    Map<String, Spec> result = new HashMap<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    try {
      for (Resource resource : resolver.getResources(ResourceDeployment.PATTERNS[1])) {
        try (InputStream in = resource.getInputStream()) {
          JsonNode form = Json.MAPPER.readTree(in);
          Set<String> editable = new LinkedHashSet<>();
          Set<String> shown = new LinkedHashSet<>();
          collect(form, editable, true);
          collect(form, shown, false);
          result.put(form.path("id").asText(), new Spec(editable, Map.of(), shown));
        }
      }
      for (Resource resource : resolver.getResources(ResourceDeployment.PATTERNS[2])) {
        try (InputStream in = resource.getInputStream()) {
          result.put(EMBEDDED_PREFIX + "forms/" + resource.getFilename(),
              html(EmbeddedForms.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the forms", e);
    }
    return result;
  }

  /** The fields an embedded HTML form declares on its {@code <form>} element. */
  static Spec html(String html) {
    Matcher tag = FORM_TAG.matcher(html);
    if (!tag.find()) {
      throw new IllegalArgumentException("an embedded form needs a <form> element");
    }
    Map<String, String> attributes = new HashMap<>();
    Matcher attribute = ATTRIBUTE.matcher(tag.group());
    while (attribute.find()) {
      attributes.put(attribute.group(1), attribute.group(2));
    }
    Set<String> editable = new LinkedHashSet<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (String field : attributes.getOrDefault("cd-fields", "").split(",")) {
      if (field.isBlank()) {
        continue;
      }
      String[] nameAndType = field.trim().split(":");
      String name = nameAndType[0];
      String type = nameAndType.length > 1 ? nameAndType[1] : "String";
      if ("Files".equals(type)) {
        for (int i = 1; i <= MAX_FILES; i++) {
          editable.add(EvidenceFiles.variable(name, i));
          types.put(EvidenceFiles.variable(name, i), "File");
        }
      } else {
        editable.add(name);
        if (!"String".equals(type)) {
          types.put(name, type);
        }
      }
    }
    Set<String> shown = new LinkedHashSet<>();
    for (String field : attributes.getOrDefault("cd-shown", "").split(",")) {
      if (!field.isBlank()) {
        shown.add(field.trim());
      }
    }
    shown.addAll(editable);
    return new Spec(editable, types, shown);
  }

  /** Components nest (groups); every level is searched. */
  static void collect(JsonNode node, Set<String> keys, boolean editableOnly) {
    for (JsonNode component : node.path("components")) {
      boolean shownOnly = component.path("disabled").asBoolean(false) || component.path("readonly").asBoolean(false);
      if (component.hasNonNull("key") && !(editableOnly && shownOnly)) {
        keys.add(component.get("key").asText());
      }
      if (!editableOnly && component.hasNonNull("text")) {
        keys.addAll(templateVariables(component.get("text").asText()));
      }
      collect(component, keys, editableOnly);
    }
  }

  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("(?<![\\w.\"])([A-Za-z_]\\w*)(?![\\w\"(])");
  /** FEEL words a template may use that name no variable. */
  private static final Set<String> FEEL_WORDS = Set.of("and", "or", "not", "null", "true", "false", "if", "then", "else",
      "for", "in", "return", "some", "every", "satisfies", "string", "join", "count");

  /**
   * The variables a text component's template shows ({@code {{keyTask.label}}}, {@code {{deadlineText}}}):
   * each path's first name. A text is never submitted, so what it names is shown only.
   */
  static Set<String> templateVariables(String text) {
    Set<String> names = new LinkedHashSet<>();
    for (Matcher template = TEMPLATE.matcher(text); template.find(); ) {
      String expression = template.group(1).replaceAll("\"[^\"]*\"", "\"\"");
      for (Matcher name = NAME.matcher(expression); name.find(); ) {
        if (!FEEL_WORDS.contains(name.group(1))) {
          names.add(name.group(1));
        }
      }
    }
    return names;
  }
}

package org.campaigndesk.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan file's JSON Schema (docs/plan.schema.json, the same file editors use for completion):
 * the structure of a plan. {@link PlanReader} applies it and checks the cross-references itself.
 */
final class PlanSchema {

  static final String RESOURCE = "/plan.schema.json";

  private static final Schema SCHEMA = load();

  private PlanSchema() {}

  private static Schema load() {
    try (InputStream in = PlanSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("plan.schema.json is not on the classpath");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema's findings, each with the plan's own path ({@code tasks[3].deadline}). */
  static List<PlanError> check(JsonNode plan) {
    List<PlanError> errors = new ArrayList<>();
    for (Error error : SCHEMA.validate(plan)) {
      String path = path(error.getInstanceLocation().toString());
      if (error.getProperty() != null && ("required".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword()))) {
        path = path.equals("(file)") ? error.getProperty() : path + "." + error.getProperty();
      }
      String message = error.getMessage();
      int colon = message.indexOf(": ");
      if ((message.startsWith("/") || message.startsWith("$")) && colon > 0) {
        message = message.substring(colon + 2);
      }
      errors.add(new PlanError(path, message + " (plan.schema.json)"));
    }
    return errors;
  }

  /** A JSON pointer ({@code /tasks/3/deadline}) as the reader writes paths ({@code tasks[3].deadline}). */
  static String path(String instanceLocation) {
    StringBuilder path = new StringBuilder();
    for (String segment : instanceLocation.split("/")) {
      if (segment.isEmpty() || segment.equals("$")) {
        continue;
      }
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (name.matches("\\d+")) {
        path.append('[').append(name).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(name);
      }
    }
    return path.isEmpty() ? "(file)" : path.toString();
  }

  /** Adds the schema's findings where the reader has not reported that field (or one inside it) already. */
  static void addUncovered(List<PlanError> errors, List<PlanError> schemaErrors) {
    List<PlanError> reported = List.copyOf(errors);
    for (PlanError schemaError : schemaErrors) {
      boolean covered = reported.stream().anyMatch(e -> e.path().equals(schemaError.path())
          || e.path().startsWith(schemaError.path() + ".") || e.path().startsWith(schemaError.path() + "[")
          || schemaError.path().startsWith(e.path() + ".") || schemaError.path().startsWith(e.path() + "["));
      if (!covered && errors.stream().noneMatch(e -> e.path().equals(schemaError.path()))) {
        errors.add(schemaError);
      }
    }
  }
}

package org.campaigndesk.ops;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api} (springdoc: /v3/api-docs, UI at /swagger-ui.html). The
 * description itself is public, like any API reference, and holds no data; every operation it
 * lists requires HTTP basic with a coordinator, which the UI asks for ("Authorize").
 * {@code springdoc.api-docs.enabled=false} and {@code springdoc.swagger-ui.enabled=false} switch both off.
 * The answers the controllers give through exception handlers and the authentication filter are
 * added here, so the controllers stay free of documentation annotations.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

  static final String BASIC = "coordinatorBasic";

  @Bean
  OpenAPI campaignDeskOpenApi() {
    return new OpenAPI()
        .info(new Info().title("Campaign Desk API")
            .description("Plan import and the mail outbox, for coordinators (group coordinators), HTTP basic"
                + " with a Camunda user. The engine's own REST API is at /engine-rest (Camunda's documentation).")
            .version("v1"))
        .components(new Components().addSecuritySchemes(BASIC,
            new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("A Camunda user in the coordinators group")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC));
  }

  @Bean
  OpenApiCustomizer campaignDeskApiAnswers() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> operation.getResponses()
          .addApiResponse("401", error("No or wrong HTTP basic credentials"))
          .addApiResponse("403", error("The user is not in the coordinators group"))));
      PathItem plans = openApi.getPaths().get("/api/plans");
      if (plans != null && plans.getPost() != null) {
        describePlanImport(plans.getPost());
      }
      if (plans != null && plans.getGet() != null) {
        plans.getGet().summary("The imported plans");
      }
      PathItem plan = openApi.getPaths().get("/api/plans/{id}");
      if (plan != null && plan.getGet() != null) {
        plan.getGet().summary("One imported plan").getResponses().addApiResponse("404", new ApiResponse().description("No such plan"));
      }
      PathItem mails = openApi.getPaths().get("/api/mail");
      if (mails != null && mails.getGet() != null) {
        mails.getGet().summary("The latest mails (HTML page)");
      }
    };
  }

  private static void describePlanImport(Operation post) {
    post.summary("Import a plan")
        .description("The plan file as YAML (docs/plan-format.md). Creates its units and leaders, starts its annual plan"
            + " and every key task. All or nothing: with any error nothing is stored.");
    ApiResponses responses = post.getResponses();
    ApiResponse ok = responses.remove("200");
    responses.addApiResponse("201", (ok != null ? ok : new ApiResponse())
        .description("Imported; Location names the plan"));
    Schema<?> planError = new ObjectSchema()
        .addProperty("path", new StringSchema().example("tasks[3].leadUnits[0]"))
        .addProperty("message", new StringSchema().example("unknown unit 'x'"));
    responses.addApiResponse("400", new ApiResponse().description("The plan has errors, every one listed")
        .content(json(new ObjectSchema().addProperty("errors", new ArraySchema().items(planError)))));
    responses.addApiResponse("409", new ApiResponse().description("A plan with this id was imported before (or at the same moment)")
        .content(json(new ObjectSchema().addProperty("planId", new StringSchema()).addProperty("error", new StringSchema()))));
  }

  private static ApiResponse error(String description) {
    return new ApiResponse().description(description).content(json(new ObjectSchema().properties(Map.of("error", new StringSchema()))));
  }

  private static Content json(Schema<?> schema) {
    return new Content().addMediaType("application/json", new MediaType().schema(schema));
  }
}

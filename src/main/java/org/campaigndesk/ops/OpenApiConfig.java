package org.campaigndesk.ops;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api} (springdoc: /v3/api-docs, UI at /swagger-ui.html). The
 * description itself is public, like any API reference, and holds no data; every operation it
 * lists requires HTTP basic with a coordinator, which the UI asks for ("Authorize").
 * {@code springdoc.api-docs.enabled=false} and {@code springdoc.swagger-ui.enabled=false} switch both off.
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
}

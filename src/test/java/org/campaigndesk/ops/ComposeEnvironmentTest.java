package org.campaigndesk.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml runs the app in the postgres profile: every environment variable that
 * application-postgres.yaml reads must be set for every app node, and those without a usable
 * default (empty, like the passwords) to something.
 */
class ComposeEnvironmentTest {

  static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");

  /** Variable name to its default in application-postgres.yaml (null: no default). */
  static Map<String, String> variablesOfThePostgresProfile() throws IOException {
    Map<String, String> variables = new LinkedHashMap<>();
    Matcher m = PLACEHOLDER.matcher(Files.readString(Path.of("src/main/resources/application-postgres.yaml")));
    while (m.find()) {
      variables.put(m.group(1), m.group(2));
    }
    return variables;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> appServices() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker/compose.yaml")));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    Map<String, Map<String, Object>> apps = new LinkedHashMap<>();
    services.forEach((name, service) -> {
      if ("campaign-desk:latest".equals(service.get("image"))) {
        apps.put(name, service);
      }
    });
    return apps;
  }

  @Test
  void theComposeFileRunsTwoAppNodes() throws IOException {
    assertThat(appServices()).hasSize(2);
  }

  @Test
  void everyVariableOfThePostgresProfile_isSetForEveryAppNode() throws IOException {
    Map<String, String> variables = variablesOfThePostgresProfile();
    assertThat(variables).containsKeys("CAMPAIGN_DESK_DB_URL", "CAMPAIGN_DESK_DB_PASSWORD", "CAMPAIGN_DESK_ADMIN_PASSWORD",
        "SPRING_MAIL_HOST", "CAMPAIGN_DESK_MANAGEMENT_PORT");

    appServices().forEach((name, service) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> environment = (Map<String, Object>) service.get("environment");
      assertThat(environment).as(name).containsKeys(variables.keySet().toArray(String[]::new));
      assertThat(String.valueOf(environment.get("SPRING_PROFILES_ACTIVE"))).as(name).contains("postgres");
      variables.forEach((variable, defaultValue) -> {
        if (defaultValue == null || defaultValue.isBlank()) {
          assertThat(String.valueOf(environment.get(variable))).as(name + " " + variable + " (no default)").isNotBlank();
        }
      });
    });
  }

  @Test
  void healthChecksAskTheManagementPortTheAppIsToldToUse() throws IOException {
    appServices().forEach((name, service) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> environment = (Map<String, Object>) service.get("environment");
      @SuppressWarnings("unchecked")
      List<String> test = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
      assertThat(String.join(" ", test)).as(name)
          .contains(":" + environment.get("CAMPAIGN_DESK_MANAGEMENT_PORT") + "/actuator/health/readiness");
    });
  }
}

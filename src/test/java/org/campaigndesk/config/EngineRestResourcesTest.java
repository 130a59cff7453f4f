package org.campaigndesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.camunda.bpm.engine.task.Task;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.kernel.Json;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The engine's REST API keeps one JSON mapper, configured as Camunda's: its dates in Camunda's format,
 * and Camunda's per-use mapper no longer registered.
 */
class EngineRestResourcesTest extends AbstractAppTest {

  @Autowired
  EngineRestResources resources;
  @Autowired
  TestRestTemplate rest;
  @Autowired
  TaskService taskService;

  @Test
  void oneMapper_configuredAsCamundas() throws Exception {
    assertThat(resources.getClasses()).contains(EngineRestResources.OneObjectMapper.class).doesNotContain(JacksonConfigurator.class);
    EngineRestResources.OneObjectMapper resolver = new EngineRestResources.OneObjectMapper();
    ObjectMapper mapper = resolver.getContext(Object.class);
    assertThat(resolver.getContext(Task.class)).isSameAs(mapper);
    java.util.Date date = new java.util.Date(1_780_000_000_000L);
    assertThat(mapper.writeValueAsString(date)).isEqualTo(JacksonConfigurator.configureObjectMapper(new ObjectMapper()).writeValueAsString(date));

    Task task = taskService.newTask();
    task.setName("err-task");
    task.setDueDate(date);
    taskService.saveTask(task);
    try {
      for (int i = 0; i < 2; i++) {
        JsonNode answer = Json.MAPPER.readTree(rest.withBasicAuth("admin", "test-admin")
            .getForObject("/engine-rest/task/" + task.getId(), String.class));
        assertThat(answer.get("name").asText()).isEqualTo("err-task");
        assertThat(answer.get("due").asText()).isEqualTo(
            new java.text.SimpleDateFormat(JacksonConfigurator.DEFAULT_DATE_FORMAT).format(date));
      }
    } finally {
      taskService.deleteTask(task.getId(), true);
    }
  }
}

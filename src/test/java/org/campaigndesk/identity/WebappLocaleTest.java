package org.campaigndesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.campaigndesk.AbstractAppTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The web apps serve the Chinese locale and fall back to it for languages other than English and German. */
class WebappLocaleTest extends AbstractAppTest {

  @Autowired
  TestRestTemplate rest;

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseLocaleIsServedAndIsTheFallback(String app) throws Exception {
    ResponseEntity<String> config = rest.getForEntity("/camunda/app/" + app + "/scripts/config.js", String.class);
    assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(config.getBody()).contains("availableLocales: ['zh', 'en', 'de']").contains("fallbackLocale: 'zh'");

    ResponseEntity<byte[]> zh = rest.getForEntity("/camunda/app/" + app + "/locales/zh.json", byte[].class);
    assertThat(zh.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode labels = new ObjectMapper().readTree(new String(zh.getBody(), java.nio.charset.StandardCharsets.UTF_8)).path("labels");
    assertThat(labels.size()).isGreaterThan(100);
    assertThat(labels.toString()).contains("退出");
  }
}

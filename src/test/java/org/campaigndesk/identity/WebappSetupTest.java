package org.campaigndesk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.campaigndesk.AbstractAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Camunda's web apps let anybody create the first administrator until a user is in camunda-admin;
 * the application closes that door at start-up.
 */
class WebappSetupTest extends AbstractAppTest {

  @Autowired
  TestRestTemplate rest;

  @Test
  void anonymousCannotCreateAnAdministrator() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    String body = "{\"profile\": {\"id\": \"intruder\", \"firstName\": \"I\", \"lastName\": \"X\", \"email\": \"i@x.org\"},"
        + " \"credentials\": {\"password\": \"intruder-pw\"}}";
    ResponseEntity<String> response = rest.postForEntity("/camunda/api/admin/setup/default/user/create",
        new HttpEntity<>(body, headers), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(processEngine.getIdentityService().createUserQuery().userId("intruder").count()).isZero();
  }
}

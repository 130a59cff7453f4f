package org.campaigndesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.campaigndesk.kernel.Json;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Requests to the application's HTTP APIs ({@code /api}, {@code /engine-rest}) as one user over HTTP
 * basic, a JSON body or none; and the users' passwords that such tests log in with. Shared by the API tests.
 */
public final class JsonApi {

  private final TestRestTemplate rest;

  public JsonApi(TestRestTemplate rest) {
    this.rest = rest;
  }

  /** @param json the body, or null for none */
  public ResponseEntity<String> send(String user, String password, HttpMethod method, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.withBasicAuth(user, password).exchange(path, method,
        json == null ? new HttpEntity<>(headers) : new HttpEntity<>(json, headers), String.class);
  }

  public static String json(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not writable as JSON: " + value, e);
    }
  }

  /** The users (made by the plan's import, or by the test) log in with this password. */
  public static void passwords(IdentityService identityService, String password, List<String> userIds) {
    for (String id : userIds) {
      User user = identityService.createUserQuery().userId(id).singleResult();
      user.setPassword(password);
      identityService.saveUser(user);
    }
  }
}

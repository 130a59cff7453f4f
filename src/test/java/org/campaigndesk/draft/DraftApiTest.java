package org.campaigndesk.draft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.identity.IdentitySync;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** POST /api/plans/draft and /api/plans/draft/check over HTTP, and the 导入计划 page. */
class DraftApiTest extends AbstractAppTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;

  final ObjectMapper json = new ObjectMapper();

  /** A coordinator of its own: other tests' failed logins as admin delay admin's next login (Camunda's login lock). */
  static final String COORDINATOR = "dz-api-coordinator";
  static final String PASSWORD = "draft-api-pw";

  @BeforeEach
  void coordinator() {
    if (identityService.createUserQuery().userId(COORDINATOR).count() == 0) {
      User user = identityService.newUser(COORDINATOR);
      user.setPassword(PASSWORD);
      identityService.saveUser(user);
      identityService.createMembership(COORDINATOR, IdentitySync.COORDINATORS);
    }
  }

  static HttpEntity<MultiValueMap<String, Object>> upload(String fileName, byte[] content) {
    MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
    form.add("file", new ByteArrayResource(content) {
      @Override
      public String getFilename() {
        return fileName;
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return new HttpEntity<>(form, headers);
  }

  static byte[] seed(String name) throws Exception {
    try (InputStream in = DraftApiTest.class.getResourceAsStream("/draft/seeds/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void coordinatorUploadsADocument_andGetsTheDraftAndTheReviewList_nothingIsImported() throws Exception {
    String plansBefore = rest.withBasicAuth(COORDINATOR, PASSWORD).getForObject("/api/plans", String.class);
    ResponseEntity<String> response = rest.withBasicAuth(COORDINATOR, PASSWORD)
        .postForEntity("/api/plans/draft", upload("benxi-2019-consolidation.txt", seed("benxi-2019-consolidation.txt")), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("draft").asText()).contains("documentNo: 本县委办发〔2019〕42号", "  - no: 16\n");
    assertThat(body.get("review").isArray()).isTrue();
    JsonNode first = body.get("review").get(0);
    assertThat(first.has("path") && first.has("message") && first.has("sourceLine")).isTrue();
    assertThat(body.has("plan")).isFalse();
    assertThat(rest.withBasicAuth(COORDINATOR, PASSWORD).getForObject("/api/plans", String.class)).isEqualTo(plansBefore);
  }

  @Test
  void aWordDocumentIsDraftedToo() throws Exception {
    byte[] docx = TestDocuments.docx(java.util.List.copyOf(DraftReadersTest.SMALL_PLAN));
    ResponseEntity<String> response = rest.withBasicAuth(COORDINATOR, PASSWORD)
        .postForEntity("/api/plans/draft", upload("计划.docx", docx), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.readTree(response.getBody()).get("draft").asText()).contains("title: 示例县2021年巩固脱贫成果工作计划");
  }

  @Test
  void onlyCoordinators() {
    HttpEntity<MultiValueMap<String, Object>> request = upload("plan.txt", "计划".getBytes());
    assertThat(rest.postForEntity("/api/plans/draft", request, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    User contact = identityService.newUser("t-draft-unit");
    contact.setPassword("unit-secret");
    identityService.saveUser(contact);
    assertThat(rest.withBasicAuth("t-draft-unit", "unit-secret").postForEntity("/api/plans/draft", request, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  @Test
  void unreadableFilesAreRefusedWithAReason() throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth(COORDINATOR, PASSWORD)
        .postForEntity("/api/plans/draft", upload("plan.doc", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(json.readTree(response.getBody()).get("error").asText()).contains(".docx");
  }

  @Test
  void checkReportsTheProblemsOfAnEditedDraft() throws Exception {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    String bad = DraftPlanFileChecksTest.GOOD.replace("leadUnits: [fpb]", "leadUnits: [nobody]");
    ResponseEntity<String> response = rest.withBasicAuth(COORDINATOR, PASSWORD)
        .postForEntity("/api/plans/draft/check", new HttpEntity<>(bad, headers), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode errors = json.readTree(response.getBody()).get("errors");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).get("path").asText()).isEqualTo("tasks[0].leadUnits[0]");
    ResponseEntity<String> good = rest.withBasicAuth(COORDINATOR, PASSWORD)
        .postForEntity("/api/plans/draft/check", new HttpEntity<>(DraftPlanFileChecksTest.GOOD, headers), String.class);
    assertThat(json.readTree(good.getBody()).get("errors")).isEmpty();
    // past the page's own checks, the plan reader's: a target's year outside the plan year
    String outside = DraftPlanFileChecksTest.GOOD.replace("unit: 户}", "unit: 户, year: 2030}");
    JsonNode readerErrors = json.readTree(rest.withBasicAuth(COORDINATOR, PASSWORD)
        .postForEntity("/api/plans/draft/check", new HttpEntity<>(outside, headers), String.class).getBody()).get("errors");
    assertThat(readerErrors).hasSize(1);
    assertThat(readerErrors.get(0).get("path").asText()).isEqualTo("tasks[0].targets[0].year");
  }

  @Test
  void theImportPageIsServed() {
    ResponseEntity<String> page = rest.getForEntity("/import.html", String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<title>导入计划", "/api/plans/draft", "/api/plans?dryRun=true");
  }
}

package org.campaigndesk.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.TestPlans;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Must-show 3: what /api/plans lets in. */
class ImportBoundaryTest extends AbstractAppTest {

  @Autowired
  TestRestTemplate rest;
  @Autowired
  IdentityService identityService;

  final ObjectMapper json = new ObjectMapper();

  ResponseEntity<String> post(String query, String contentType, String body, String origin) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType(contentType));
    if (origin != null) {
      headers.set("Origin", origin);
    }
    return rest.withBasicAuth("admin", "test-admin").postForEntity("/api/plans" + query, new HttpEntity<>(body, headers), String.class);
  }

  /** Own unit ids, so that no other test's units are redefined here. */
  static String plan(String planId) {
    return TestPlans.plan(planId).replace("t-", "ib-");
  }

  @Test
  void textPlain_isRefused_yamlIsAccepted() {
    assertThat(post("?dryRun=true", "text/plain", plan("ib-text"), null).getStatusCode().value()).isEqualTo(415);
    assertThat(post("?dryRun=true", "application/yaml", plan("ib-text"), null).getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void aForeignOrigin_isRefused_theOwnOriginAndScriptsPass() {
    ResponseEntity<String> foreign = post("?dryRun=true", "application/yaml", plan("ib-origin"), "https://evil.example.com");
    assertThat(foreign.getStatusCode().value()).isEqualTo(403);
    assertThat(foreign.getBody()).contains("cross-site");
    String own = rest.getRootUri();
    assertThat(post("?dryRun=true", "application/yaml", plan("ib-origin"), own).getStatusCode().value()).isEqualTo(200);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.parseMediaType("application/yaml"));
    headers.set("Sec-Fetch-Site", "cross-site");
    assertThat(rest.withBasicAuth("admin", "test-admin").postForEntity("/api/plans?dryRun=true",
        new HttpEntity<>(plan("ib-origin"), headers), String.class).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void aBodyOver2MB_answers413() {
    String huge = plan("ib-huge") + "# " + "x".repeat(org.campaigndesk.security.ApiRequestBoundary.MAX_PLAN_BODY + 10) + "\n";
    ResponseEntity<String> response = post("", "application/yaml", huge, null);
    assertThat(response.getStatusCode().value()).isEqualTo(413);
  }

  @Test
  void aKnownUnitWithOtherAttributes_isRefusedWithTheFieldsNamed_orChangedWhenAllowed() throws Exception {
    // Units of their own: the other tests keep theirs as they are.
    String first = TestPlans.plan("ic-first").replace("t-", "ic-");
    assertThat(post("", "application/yaml", first, null).getStatusCode().value()).isEqualTo(201);
    String changed = first.replace("ic-first", "ic-second").replace("ic-agri@test.example.org", "attacker@evil.example.com")
        .replace("{id: ic-water, name: 测试县水务局", "{id: ic-water, name: 测试县水利局");
    ResponseEntity<String> refused = post("", "application/yaml", changed, null);
    assertThat(refused.getStatusCode().value()).isEqualTo(400);
    assertThat(refused.getBody()).contains("units[0]").contains("email 'ic-agri@test.example.org' → 'attacker@evil.example.com'")
        .contains("units[1]").contains("name '测试县水务局' → '测试县水利局'").contains("allowChanges=true");
    assertThat(identityService.createUserQuery().userId("ic-agri").singleResult().getEmail()).isEqualTo("ic-agri@test.example.org");

    ResponseEntity<String> allowed = post("?allowChanges=true", "application/yaml", changed, null);
    assertThat(allowed.getStatusCode().value()).isEqualTo(201);
    JsonNode changes = json.readTree(allowed.getBody()).get("changes");
    assertThat(changes).hasSize(2);
    assertThat(changes.get(0).get("path").asText()).isEqualTo("units[0]");
    assertThat(identityService.createUserQuery().userId("ic-agri").singleResult().getEmail()).isEqualTo("attacker@evil.example.com");
  }

  @Test
  void valuesTheDatabaseWouldRefuse_areRefusedWithTheirPaths() throws Exception {
    String longMail = "a".repeat(195) + "@x.example.org";
    String yaml = plan("ib-lengths").replace("ib-town1@test.example.org", longMail)
        .replace("  - {id: ib-town2, name: 乙乡, kind: township}",
            "  - {id: ib-town2, name: 乙乡" + "乡".repeat(97) + ", kind: township, responsiblePerson: {name: " + "张".repeat(50)
                + ", title: " + "长".repeat(60) + "}}")
        .replace("  - {id: ib-li, name: 李四}", "  - {id: ib-li, name: " + "李".repeat(100) + ", title: " + "长".repeat(100) + "}")
        + "campaigns:\n  - id: spring\n    name: " + "春".repeat(101) + "\n    start: 2026-03-01\n    end: 2026-05-31\n"
        + "    items:\n      - {title: " + "题".repeat(1001) + ", units: [ib-agri]}\n";
    ResponseEntity<String> response = post("?dryRun=true", "application/yaml", yaml, null);
    assertThat(response.getStatusCode().value()).isEqualTo(400);
    JsonNode errors = json.readTree(response.getBody()).get("errors");
    assertThat(errors.findValuesAsText("path")).contains("units[3].email", "units[4].responsiblePerson", "leaders[1].title",
        "campaigns[0].name", "campaigns[0].items[0].title");
  }
}

package org.campaigndesk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EmbeddedFormsTest {

  static final String FORM = """
      <form role="form" name="cdForm" class="cd-form" cd-form="x"
            cd-shown="unitNames"
            cd-fields="planSummary">
        <div cd-type="header" cd-extra="returnReason"></div>
        <fieldset><legend>其他</legend>
          <div cd-type="context" cd-names="mySubItems,unitNames"></div>
        </fieldset>
      </form>
      """;

  @Test
  void aFormIsDeployedWithTheKitsLoader_theHeadersNames_andEverythingItShowsInCdShown() {
    String deployed = EmbeddedForms.complete(FORM);
    assertThat(deployed).contains("cd-shown=\"" + String.join(",", EmbeddedForms.HEADER)
        + ",returnReason,mySubItems,unitNames,keyTask,overdue\"");
    assertThat(deployed).contains("<div cd-type=\"header\" cd-extra=\"returnReason\" cd-names=\""
        + String.join(",", EmbeddedForms.HEADER) + ",returnReason\"></div>");
    assertThat(deployed).containsOnlyOnce("<script cam-script type=\"text/form-script\">").contains("/form-kit/cd-forms.js")
        .containsOnlyOnce(EmbeddedForms.LOADING).containsOnlyOnce(EmbeddedForms.SUMMARY);
    assertThat(deployed.indexOf(EmbeddedForms.LOADING)).isLessThan(deployed.indexOf("cd-type=\"header\""));
    assertThat(deployed.indexOf("</script>")).isLessThan(deployed.indexOf("</form>"));
    assertThat(deployed).endsWith("</form>\n");
    // Deployed again (duplicate filtering compares bytes): the same text.
    assertThat(EmbeddedForms.complete(deployed)).isEqualTo(deployed);
  }

  @Test
  void textThatIsNoFormKitForm_isLeftAsItIs() {
    String plain = "<form name=\"x\"><input name=\"a\"></form>";
    assertThat(EmbeddedForms.complete(plain)).isEqualTo(plain);
  }

  @Test
  void everyFormInForms_holdsOnlyItsOwnFields_theSharedPartsComeAtDeployment() throws IOException {
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".html")).toList()) {
        String html = Files.readString(form, StandardCharsets.UTF_8);
        assertThat(html).as(form.toString()).doesNotContain("cam-script", "重点工作信息", "cd-loading", "cd-summary");
        assertThat(EmbeddedForms.complete(html)).as(form.toString()).contains("cam-script", "cd-loading", "cd-summary");
      }
    }
  }
}

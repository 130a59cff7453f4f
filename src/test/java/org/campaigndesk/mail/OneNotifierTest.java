package org.campaigndesk.mail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Every kind of mail goes through {@link Notifier}: steps fill a notice and name recipients and
 * keys; none records a mail with {@link MailService} itself.
 */
@AnalyzeClasses(packages = "org.campaigndesk", importOptions = ImportOption.DoNotIncludeTests.class)
class OneNotifierTest {

  @ArchTest
  static final ArchRule onlyTheNotifierRecordsMails = noClasses()
      .that().resideOutsideOfPackage("org.campaigndesk.mail..")
      .should().dependOnClassesThat().belongToAnyOf(MailService.class);
}

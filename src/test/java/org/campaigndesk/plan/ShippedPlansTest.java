package org.campaigndesk.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campaigndesk.TimeTravel.clock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.campaigndesk.imports.PlanImportService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.kernel.KeyTaskVariables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** The shipped plans import and run, each in its own county, moved to next year as the demo moves its plan. */
class ShippedPlansTest extends AbstractAppTest {

  @Autowired
  PlanReader reader;
  @Autowired
  PlanImportService importService;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  IdentityService identityService;

  @ParameterizedTest
  @CsvSource({
      "lufeng-2020.yaml, lufeng, 禄丰县, 20, 0",
      "benxi-2019.yaml, benxi, 本溪满族自治县, 16, 0",
      "chuxiong-2020-supervision.yaml, chuxiong, 楚雄彝族自治州, 0, 13"})
  void aShippedPlan_importsIntoItsOwnCounty_andStartsItsWork(String file, String region, String regionName, int keyTasks,
      int targets) throws IOException {
    clock("2026-12-07T10:00:00+08:00");
    String source = Files.readString(Path.of("plans", file));
    Plan original = reader.read(source);
    Plan plan = original.shiftedToYear(2027);
    if (importService.importPlan(plan, source, 2027 - original.info().year(), PlanImportService.Importer.trusted("test"), null,
        PlanImportService.Options.IMPORT) == null) {
      throw new AssertionError("no answer");
    }
    assertThat(identityService.createTenantQuery().tenantId(region).singleResult().getName()).isEqualTo(regionName);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KeyTaskVariables.PROCESS_KEY)
        .variableValueEquals(KeyTaskVariables.PLAN_ID, plan.info().id()).count()).isEqualTo(keyTasks);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("supervision-target").tenantIdIn(region).count())
        .isEqualTo(targets);
    assertThat(runtimeService.createProcessInstanceQuery().variableValueEquals(KeyTaskVariables.PLAN_ID, plan.info().id()).list())
        .isNotEmpty().allSatisfy(instance -> assertThat(instance.getTenantId()).isEqualTo(region));
  }
}

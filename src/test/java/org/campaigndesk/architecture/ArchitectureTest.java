package org.campaigndesk.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.campaigndesk.imports.LegacyPlanUpgrade;
import org.campaigndesk.imports.PlanImportService;
import org.campaigndesk.imports.PlanRevisions;
import org.campaigndesk.reminder.DeadlineWatch;
import org.campaigndesk.reminder.MarkOverdue;
import org.campaigndesk.reminder.RescheduleDeadline;
import org.campaigndesk.reminder.StartEscalation;
import org.junit.jupiter.api.Test;

/**
 * The arrows between packages, as far as they point one way today (issue 12). These rules see
 * bytecode: a reference to another class's compile-time constant (static final String) is inlined
 * by javac and invisible here.
 */
@AnalyzeClasses(packages = "org.campaigndesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String KERNEL = "org.campaigndesk.kernel..";
  static final String ENGINE_INTERNALS = "org.camunda.bpm.engine.impl..";

  /**
   * No cycles between the top-level packages. Exempt until the import moves to an orchestration
   * layer of its own: PlanImportService and its siblings PlanRevisions (withdraw, revise, hand
   * over) and LegacyPlanUpgrade, which sit in plan and call campaign, identity and task, all of
   * which use plan's model (the cycles plan-campaign, plan-identity, plan-task).
   */
  @ArchTest
  static final ArchRule noCyclesBetweenPackages_butThroughThePlanImport = slices()
      .matching("org.campaigndesk.(*)..")
      .should().beFreeOfCycles()
      .ignoreDependency(belongToAnyOf(PlanImportService.class, PlanRevisions.class, LegacyPlanUpgrade.class), alwaysTrue());

  @ArchTest
  static final ArchRule kernelDependsOnNoOtherPackage = noClasses().that().resideInAPackage(KERNEL)
      .should().dependOnClassesThat(resideInAPackage("org.campaigndesk..").and(resideOutsideOfPackage(KERNEL)));

  @ArchTest
  static final ArchRule mailDependsOnlyOnConfigAndKernel = noClasses().that().resideInAPackage("org.campaigndesk.mail..")
      .should().dependOnClassesThat(resideInAPackage("org.campaigndesk..")
          .and(not(resideInAPackage("org.campaigndesk.mail..")))
          .and(not(resideInAPackage("org.campaigndesk.config..")))
          .and(not(resideInAPackage(KERNEL))));

  @ArchTest
  static final ArchRule operationsAndDemoAreOnTop = noClasses()
      .that().resideOutsideOfPackages("org.campaigndesk.ops..", "org.campaigndesk.demo..")
      .should().dependOnClassesThat().resideInAnyPackage("org.campaigndesk.ops..", "org.campaigndesk.demo..");

  /** The engine's clock is read through kernel.Clocks only. */
  @ArchTest
  static final ArchRule clockUtilOnlyInTheKernel = noClasses().that().resideOutsideOfPackage(KERNEL)
      .should().dependOnClassesThat().belongToAnyOf(ClockUtil.class);

  /** One JSON mapper (kernel.Json); YAML mappers have their own factory and are not meant here. */
  @ArchTest
  static final ArchRule noJsonMapperOutsideTheKernel = noClasses().that().resideOutsideOfPackage(KERNEL)
      .should().callConstructor(ObjectMapper.class);

  /**
   * Engine internals only in the kernel, the engine's plugin SPI (ProcessEnginePlugin lives in an
   * impl package) aside. Known exceptions, to go with issue 12's point 2 (children report to their
   * parents instead of writing into the parent's scope): the deadline watch's delegates that reach
   * into the key task's executions.
   */
  @ArchTest
  static final ArchRule engineInternalsOnlyInTheKernel = noClasses()
      .that().resideOutsideOfPackage(KERNEL)
      .and(not(belongToAnyOf(DeadlineWatch.class, MarkOverdue.class, RescheduleDeadline.class, StartEscalation.class)))
      .should().dependOnClassesThat(resideInAPackage(ENGINE_INTERNALS).and(not(assignableTo(ProcessEnginePlugin.class))));

  /** The default zone is written once (kernel.Zones); javac inlines string constants, so this reads the sources. */
  @Test
  void asiaShanghaiIsWrittenOnce() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      List<Path> writing = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
        try {
          return Files.readString(p).contains("\"Asia/Shanghai\"");
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
      assertThat(writing).containsExactly(Path.of("src/main/java/org/campaigndesk/kernel/Zones.java"));
    }
  }

}

package org.campaigndesk.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

/**
 * The arrows between packages point one way: the import orchestration and operations on top, the
 * features in the middle, the shared kernel at the bottom ({@link #LAYERS_BOTTOM_UP}). ArchUnit sees
 * bytecode, where javac has inlined every compile-time constant (static final String) another class
 * declares; so the same order and the absence of cycles are also checked on the sources' imports.
 */
@AnalyzeClasses(packages = "org.campaigndesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  static final String ROOT = "org.campaigndesk";
  static final String KERNEL = "org.campaigndesk.kernel..";
  static final String ENGINE_INTERNALS = "org.camunda.bpm.engine.impl..";

  /**
   * The house, one floor a line, bottom first. A package may use the packages of the floors below
   * its own and those beside it on its floor (no cycle), never a floor above.
   */
  static final List<List<String>> LAYERS_BOTTOM_UP = List.of(
      List.of("kernel"), // clock, zone, JSON, shared variable names, the engine-internals adapter
      List.of("config"), // the application's properties and resource deployment
      List.of("plan", "mail", "audit"), // the plan model and reader; mail recorded and delivered; task and value audit
      List.of("identity"), // users, groups and counties made from the plan
      List.of("reminder"), // the deadline watch that every process calls
      List.of("task"), // the key task
      // features built on the key task; handover (hand-over mails and task links) comes with the flow branch
      List.of("campaign", "dispatch", "supervision", "draft", "handover"),
      List.of("scoring"), // quarterly scores from what the features recorded
      List.of("ledger", "handover"), // reads everything below; the hand-over mails and the task links they carry
      List.of("imports", "security"), // orchestrates a plan's import over the features; the web edge
      List.of("ops", "demo")); // operations and the demo data

  @ArchTest
  static final ArchRule packagesPointDownOnly = layers();

  @ArchTest
  static final ArchRule noCyclesBetweenPackages = slices().matching("org.campaigndesk.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule kernelDependsOnNoOtherPackage = noClasses().that().resideInAPackage(KERNEL)
      .should().dependOnClassesThat(resideInAPackage("org.campaigndesk..").and(resideOutsideOfPackage(KERNEL)));

  @ArchTest
  static final ArchRule mailDependsOnlyOnConfigAndKernel = noClasses().that().resideInAPackage("org.campaigndesk.mail..")
      .should().dependOnClassesThat(resideInAPackage("org.campaigndesk..")
          .and(not(resideInAPackage("org.campaigndesk.mail..")))
          .and(not(resideInAPackage("org.campaigndesk.config..")))
          .and(not(resideInAPackage(KERNEL))));

  private static ArchRule layers() {
    LayeredArchitecture house = layeredArchitecture().consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitectureIgnoring(resideInAPackage(ROOT));
    for (int floor = 0; floor < LAYERS_BOTTOM_UP.size(); floor++) {
      house = house.layer("floor " + floor).definedBy(LAYERS_BOTTOM_UP.get(floor).stream()
          .map(p -> ROOT + "." + p + "..").toArray(String[]::new));
    }
    for (int floor = 0; floor < LAYERS_BOTTOM_UP.size() - 1; floor++) {
      house = house.whereLayer("floor " + floor).mayOnlyBeAccessedByLayers(IntStream
          .range(floor + 1, LAYERS_BOTTOM_UP.size()).mapToObj(f -> "floor " + f).toArray(String[]::new));
    }
    return house.whereLayer("floor " + (LAYERS_BOTTOM_UP.size() - 1)).mayNotBeAccessedByAnyLayer();
  }

  /** The engine's clock is read through kernel.Clocks only. */
  @ArchTest
  static final ArchRule clockUtilOnlyInTheKernel = noClasses().that().resideOutsideOfPackage(KERNEL)
      .should().dependOnClassesThat().belongToAnyOf(ClockUtil.class);

  /** One JSON mapper (kernel.Json); YAML mappers have their own factory and are not meant here. */
  @ArchTest
  static final ArchRule noJsonMapperOutsideTheKernel = noClasses().that().resideOutsideOfPackage(KERNEL)
      .should().callConstructor(ObjectMapper.class);

  /**
   * Engine internals only in the kernel, the one adapter (kernel.Clocks, kernel.EngineTaps, ...);
   * the engine's plugin SPI (ProcessEnginePlugin lives in an impl package) aside.
   */
  @ArchTest
  static final ArchRule engineInternalsOnlyInTheKernel = noClasses()
      .that().resideOutsideOfPackage(KERNEL)
      .should().dependOnClassesThat(resideInAPackage(ENGINE_INTERNALS).and(not(assignableTo(ProcessEnginePlugin.class))));

  static final String ENGINE = "org.camunda.bpm.engine..";

  /** Classes that get hold of the execution that called their instance (to read the caller's facts). */
  static final DescribedPredicate<JavaClass> REACH_THEIR_CALLER = new DescribedPredicate<>("reach the execution that called them") {
    @Override
    public boolean test(JavaClass c) {
      return c.getMethodCallsFromSelf().stream().anyMatch(call -> call.getName().matches("getSuper(Case)?Execution(Id)?")
          && call.getTargetOwner().getPackageName().startsWith("org.camunda.bpm.engine"));
    }
  };

  /**
   * Children report to the instance that called them by message or returned variables, never by
   * writing into its scopes: a class that reaches the calling execution (to read a fact there) writes
   * no variables at all. Bytecode shows no data flow, so this is the strictest feasible form.
   */
  @ArchTest
  static final ArchRule noChildWritesIntoItsCaller = noClasses().that(REACH_THEIR_CALLER).should().callMethodWhere(
      target(nameMatching("(set|remove)Variable.*")).and(target(owner(resideInAPackage(ENGINE)))))
      .because("children report to their caller by message or returned variables (issue 12)");

  /** The floors of {@link #LAYERS_BOTTOM_UP} as the sources import them, inlined constants included. */
  @Test
  void sourcesImportDownwardsOnly() throws IOException {
    Map<String, Integer> floorOf = new HashMap<>();
    for (int floor = 0; floor < LAYERS_BOTTOM_UP.size(); floor++) {
      for (String p : LAYERS_BOTTOM_UP.get(floor)) {
        floorOf.put(p, floor);
      }
    }
    Map<String, Set<String>> arrows = sourceArrows();
    List<String> upwards = new ArrayList<>();
    arrows.forEach((from, tos) -> tos.forEach(to -> {
      if (!floorOf.containsKey(from) || !floorOf.containsKey(to) || floorOf.get(to) > floorOf.get(from)) {
        upwards.add(from + " -> " + to);
      }
    }));
    assertThat(upwards).as("imports that point up (or name a package of no floor)").isEmpty();
    for (String start : arrows.keySet()) {
      assertThat(reaches(arrows, start, start, new HashSet<>())).as("a cycle through " + start).isFalse();
    }
  }

  /** Package -> packages its sources name (import lines and qualified names), one's own left out. */
  static Map<String, Set<String>> sourceArrows() throws IOException {
    Pattern named = Pattern.compile("\\borg\\.campaigndesk\\.([a-z]+)\\.");
    Map<String, Set<String>> arrows = new TreeMap<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/campaigndesk"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path relative = Path.of("src/main/java/org/campaigndesk").relativize(file);
        if (relative.getNameCount() < 2) {
          continue; // the application class at the root
        }
        String from = relative.getName(0).toString();
        Matcher m = named.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(from)) {
            arrows.computeIfAbsent(from, k -> new TreeSet<>()).add(m.group(1));
          }
        }
      }
    }
    return arrows;
  }

  private static boolean reaches(Map<String, Set<String>> arrows, String from, String target, Set<String> seen) {
    for (String to : arrows.getOrDefault(from, Set.of())) {
      if (to.equals(target) || (seen.add(to) && reaches(arrows, to, target, seen))) {
        return true;
      }
    }
    return false;
  }

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

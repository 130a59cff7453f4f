package org.campaigndesk.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who sees which rows, with and without counties (Camunda tenants), without the engine. */
class ViewerTest {

  static final List<String> UNITS = List.of("agri", "fpb", "town1");
  static final List<String> LEADERS = List.of("zhang");

  @Test
  void withoutTenants_aCoordinatorSeesEverything_aUnitOnlyItsRows() {
    Viewer coordinator = new Viewer("c", Set.of("coordinators"), Viewer.Kind.COORDINATOR, Set.of(), false);
    assertThat(coordinator.seesRow(null, UNITS, LEADERS)).isTrue();
    Viewer agri = new Viewer("agri", Set.of("agri"), Viewer.Kind.UNIT, Set.of(), false);
    assertThat(agri.seesRow(null, UNITS, LEADERS)).isTrue();
    Viewer water = new Viewer("water", Set.of("water"), Viewer.Kind.UNIT, Set.of(), false);
    assertThat(water.seesRow(null, UNITS, LEADERS)).isFalse();
    assertThat(water.seesUnit("agri")).isFalse();
    assertThat(coordinator.seesUnit("agri")).isTrue();
  }

  @Test
  void aLeaderSeesTheRowsHeLeads() {
    Viewer zhang = new Viewer("zhang", Set.of("leaders"), Viewer.Kind.UNIT, Set.of(), false);
    assertThat(zhang.seesRow(null, UNITS, LEADERS)).isTrue();
    assertThat(zhang.seesRow(null, UNITS, List.of("li"))).isFalse();
  }

  @Test
  void withTenants_aCoordinatorSeesHisCounties_theProvinceAll() {
    Viewer lufeng = new Viewer("c", Set.of("coordinators"), Viewer.Kind.COORDINATOR, Set.of("lufeng"), true);
    assertThat(lufeng.seesRow("lufeng", UNITS, LEADERS)).isTrue();
    assertThat(lufeng.seesRow("benxi", UNITS, LEADERS)).isFalse();
    assertThat(lufeng.seesRow(null, UNITS, LEADERS)).isFalse();
    // A unit with the same id in another county is another organisation.
    Viewer agri = new Viewer("agri", Set.of("agri"), Viewer.Kind.UNIT, Set.of("lufeng"), true);
    assertThat(agri.seesRow("lufeng", UNITS, LEADERS)).isTrue();
    assertThat(agri.seesRow("benxi", UNITS, LEADERS)).isFalse();
    Viewer province = new Viewer("p", Set.of("province"), Viewer.Kind.PROVINCE, Set.of(), true);
    assertThat(province.seesRow("lufeng", UNITS, LEADERS)).isTrue();
    assertThat(province.seesRow("benxi", UNITS, LEADERS)).isTrue();
    // A coordinator in no county yet sees what belongs to none (instances started before tenants existed).
    Viewer none = new Viewer("n", Set.of("coordinators"), Viewer.Kind.COORDINATOR, Set.of(), true);
    assertThat(none.seesRow(null, UNITS, LEADERS)).isTrue();
    assertThat(none.seesRow("lufeng", UNITS, LEADERS)).isFalse();
  }

  @Test
  void countySummaryCountsEachColourPerCounty() {
    LedgerRow red = row("lufeng", LedgerColour.RED);
    List<Ledger.CountySummary> summaries = LedgerService.summaries(List.of(red, row("lufeng", LedgerColour.GREEN),
        row(null, LedgerColour.GREY), row("lufeng", LedgerColour.RED)));
    assertThat(summaries).extracting(Ledger.CountySummary::county).containsExactly("lufeng", "default");
    assertThat(summaries.get(0).total()).isEqualTo(3);
    assertThat(summaries.get(0).byColour()).containsEntry(LedgerColour.RED, 2).containsEntry(LedgerColour.GREEN, 1)
        .containsEntry(LedgerColour.YELLOW, 0).containsEntry(LedgerColour.GREY, 0);
    assertThat(summaries.get(1).byColour()).containsEntry(LedgerColour.GREY, 1);
  }

  static LedgerRow row(String county, LedgerColour colour) {
    return new LedgerRow("pi", county, "p", "计划", 1, "【一】x", "x", "", List.of(), "", "u", "", "", List.of("u"), "", "2026-06-30",
        "", "", null, null, null, List.of(), "", colour, colour.label(), colour == LedgerColour.GREY, null, false, List.of());
  }
}

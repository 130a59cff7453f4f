package org.campaigndesk.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.campaigndesk.ledger.EvidenceFileReader.Parties;
import org.junit.jupiter.api.Test;

/** The one rule of who opens an evidence file, whichever route (key task dossier, process review) asks. */
class EvidenceFileRuleTest {

  static Viewer unit(String user, String... groups) {
    return new Viewer(user, Set.of(groups), Viewer.Kind.UNIT, Set.of(), false);
  }

  final Parties submitters = new Parties(Set.of(), Set.of("town1"));
  final Parties reviewers = new Parties(Set.of("leader-zhang"), Set.of("lead-unit"));

  @Test
  void readersOfTheCountyOpenEveryFile() {
    assertThat(EvidenceFileReader.mayOpen(new Viewer("coord", Set.of(), Viewer.Kind.COORDINATOR, Set.of(), false),
        Parties.NONE, Parties.NONE)).isTrue();
    assertThat(EvidenceFileReader.mayOpen(new Viewer("prov", Set.of("province"), Viewer.Kind.PROVINCE, Set.of(), true),
        Parties.NONE, Parties.NONE)).isTrue();
  }

  @Test
  void theSubmittingUnitAndTheReviewersOpenIt() {
    assertThat(EvidenceFileReader.mayOpen(unit("town1-contact", "town1"), submitters, reviewers)).isTrue();
    assertThat(EvidenceFileReader.mayOpen(unit("leader-zhang"), submitters, reviewers)).isTrue();
    assertThat(EvidenceFileReader.mayOpen(unit("lead-contact", "lead-unit"), submitters, reviewers)).isTrue();
    assertThat(EvidenceFileReader.mayOpen(unit("assignee"), new Parties(Set.of("assignee"), Set.of()), Parties.NONE)).isTrue();
  }

  @Test
  void anotherUnitBesideThemDoesNot() {
    assertThat(EvidenceFileReader.mayOpen(unit("town2-contact", "town2"), submitters, reviewers)).isFalse();
    assertThat(EvidenceFileReader.mayOpen(unit("town2-contact", "town2"), submitters, Parties.NONE)).isFalse();
  }

  @Test
  void reviewersOfSeveralLaterStepsAddUp() {
    Parties both = new Parties(Set.of(), Set.of("inspection")).and(new Parties(Set.of("coordinator-li"), Set.of()));
    assertThat(both.include(unit("x", "inspection"))).isTrue();
    assertThat(both.include(unit("coordinator-li"))).isTrue();
    assertThat(both.include(unit("y", "town1"))).isFalse();
  }
}

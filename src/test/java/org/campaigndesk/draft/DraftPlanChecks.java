package org.campaigndesk.draft;

import static org.assertj.core.api.Assertions.assertThat;

/** Test shorthand: a draft passes the plan-file checks (format with the issue-#10 extensions). */
final class DraftPlanChecks {

  private DraftPlanChecks() {}

  static void assertConsistent(String yaml) {
    assertThat(PlanFileChecks.check(yaml)).as("plan-file checks of\n" + yaml).isEmpty();
  }
}

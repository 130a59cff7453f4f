package org.campaigndesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Must-show 4: pool and job threads go together (README's table per node count rests on it). */
class ConnectionBudgetTest {

  @Test
  void thePoolHoldsEveryJobThreadAndFiveMore() {
    assertThat(ConnectionBudget.problem(20, 10)).isNull();
    assertThat(ConnectionBudget.problem(15, 10)).isNull();
    assertThat(ConnectionBudget.problem(16, 8)).isNull();
    assertThat(ConnectionBudget.problem(14, 10)).contains("at least 15").contains("at most 9");
    assertThatThrownBy(() -> new ConnectionBudget(10, 10)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CAMPAIGN_DESK_DB_POOL_SIZE");
  }
}

package org.campaigndesk.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stored choices by the labels of the forms that recorded them: one mapping, read from the deployed forms. */
class ShownValuesTest {

  final ShownValues shown = new ShownValues();

  @Test
  void choicesOfCamundaForms_areShownByTheirLabels() {
    assertThat(shown.shown("accountability", "criticism")).isEqualTo("通报批评");
    // The escalation's record keeps the form's value under another name.
    assertThat(shown.shown("accountabilityDecision", "sanction")).isEqualTo("问责处理（纪律处分等）");
    assertThat(shown.shown("accountabilityDecision", "none")).isEqualTo("不予问责");
    assertThat(shown.shown("extensionApproved", "approve")).isEqualTo("同意延期");
    assertThat(shown.shown("extensionApproved", "refuse")).isEqualTo("不同意延期");
  }

  @Test
  void choicesOfEmbeddedForms_areShownByTheirLabels_beforeTheCamundaFormOfTheSameField() {
    // key-task-acceptance.html is the form the process uses; its .form twin words "accept" otherwise.
    assertThat(shown.shown("acceptanceDecision", "accept")).isEqualTo("通过验收并销号");
    assertThat(shown.shown("acceptanceDecision", "acceptWithRemarks")).isEqualTo("通过（附意见）并销号");
    assertThat(shown.shown("acceptanceDecision", "return")).isEqualTo("退回整改");
    assertThat(shown.shown("verifyDecision", "return")).isEqualTo("整改不到位，退回重新整改");
    assertThat(shown.shown("requestKind", "extension")).isEqualTo("申请延期");
    assertThat(shown.of("appealDecision")).containsExactly(Map.entry("approve", "申诉成立，撤销所申诉条目"),
        Map.entry("refuse", "申诉不成立，维持原得分"));
  }

  @Test
  void yesAndNo_andValuesNoFormOffers() {
    assertThat(shown.shown("carriedOver", true)).isEqualTo("是");
    assertThat(shown.shown("carriedOver", false)).isEqualTo("否");
    assertThat(shown.shown("progressThisMonth", "完成两期培训")).isEqualTo("完成两期培训");
    assertThat(shown.shown("percentComplete", 40)).isEqualTo("40");
    assertThat(shown.shown("accountability", "unheard-of")).isEqualTo("unheard-of");
  }
}

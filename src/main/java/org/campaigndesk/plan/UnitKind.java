package org.campaigndesk.plan;

import java.util.Arrays;
import java.util.Optional;

public enum UnitKind {
  DEPARTMENT("department"),
  TOWNSHIP("township"),
  OTHER("other");

  private final String yamlName;

  UnitKind(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  static Optional<UnitKind> fromYaml(String text) {
    return Arrays.stream(values()).filter(k -> k.yamlName.equals(text)).findFirst();
  }
}

package org.campaigndesk.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a production administrator password must be. The administrator holds every permission of
 * every county, so its password is the installation's front door: the rule refuses what an
 * attacker tries first. The rule: at least {@value #MIN_LENGTH} characters; characters of at least
 * two of the classes letters, digits and others; not the user id itself; not a well-known
 * password (including the demo's and the one the compose example shows).
 */
public final class AdminPasswordPolicy {

  public static final int MIN_LENGTH = 10;
  /** Lower case; compared ignoring case. */
  private static final Set<String> WELL_KNOWN = Set.of("demo", "admin", "password", "password1", "password123",
      "changeme", "camunda", "123456", "12345678", "1234567890", "qwerty", "letmein", "administrator", "admin123",
      "admin12345", "choose-a-password", "p@ssw0rd", "passw0rd!", "qwerty123456", "1q2w3e4r5t");

  private AdminPasswordPolicy() {}

  /** The rule's breaches, empty when the password is acceptable. */
  public static List<String> problems(String userId, String password) {
    List<String> problems = new ArrayList<>();
    if (password == null || password.isBlank()) {
      problems.add("it is empty");
      return problems;
    }
    if (password.length() < MIN_LENGTH) {
      problems.add("it has " + password.length() + " characters, at least " + MIN_LENGTH + " are required");
    }
    boolean letters = password.chars().anyMatch(Character::isLetter);
    boolean digits = password.chars().anyMatch(Character::isDigit);
    boolean others = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
    if ((letters ? 1 : 0) + (digits ? 1 : 0) + (others ? 1 : 0) < 2) {
      problems.add("it uses one class of characters only; mix letters, digits and other characters");
    }
    if (userId != null && password.equalsIgnoreCase(userId)) {
      problems.add("it is the user id");
    }
    if (WELL_KNOWN.contains(password.toLowerCase(Locale.ROOT))) {
      problems.add("it is a well-known password");
    }
    return problems;
  }
}

package org.campaigndesk.kernel;

import java.util.List;

/**
 * A list a process keeps as text for its forms (one line per item: open campaign items, unit
 * reports, key tasks at the year end), within what the engine's text column holds
 * ({@value #MAX_CHARACTERS} characters; a longer string fails the job that writes it, on PostgreSQL
 * as on H2, and a plan of any size must not). The lines that fit are kept whole, then one line says
 * how many were left out; the items themselves stay where they come from (tasks, key tasks, ledger).
 */
public final class ShownLines {

  /** The engine's string variables: {@code ACT_RU_VARIABLE.TEXT_} and its history, varchar(4000). */
  public static final int MAX_CHARACTERS = 4000;

  private ShownLines() {}

  /** The lines joined by line breaks, or as many as fit followed by {@code ……另有N项未列出（共M项）}. */
  public static String of(List<String> lines) {
    return of(lines, "\n");
  }

  /** As {@link #of(List)}, the items joined by {@code separator} (a blank line between agenda items). */
  public static String of(List<String> lines, String separator) {
    String all = String.join(separator, lines);
    if (all.length() <= MAX_CHARACTERS) {
      return all;
    }
    // Room for the closing line, whatever its numbers.
    int room = MAX_CHARACTERS - separator.length() - note(Integer.MAX_VALUE, Integer.MAX_VALUE).length();
    StringBuilder shown = new StringBuilder();
    int kept = 0;
    for (String line : lines) {
      if (shown.length() + (kept > 0 ? separator.length() : 0) + line.length() > room) {
        break;
      }
      shown.append(kept > 0 ? separator : "").append(line);
      kept++;
    }
    return shown.append(kept > 0 ? separator : "").append(note(lines.size() - kept, lines.size())).toString();
  }

  private static String note(int left, int total) {
    return "……另有" + left + "项未列出（共" + total + "项）";
  }
}

package org.campaigndesk.dispatch;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.campaigndesk.kernel.ShownLines;

/** Orders and writes a leader's agenda; plain Java so the rules are tested without the engine. */
public final class Agenda {

  private Agenda() {}

  public static AgendaItem.Status status(boolean closedOut, Instant deadline, Instant now) {
    if (closedOut) {
      return AgendaItem.Status.CLOSED;
    }
    if (deadline.isBefore(now)) {
      return AgendaItem.Status.RED;
    }
    return deadline.isBefore(now.plus(7, ChronoUnit.DAYS)) ? AgendaItem.Status.YELLOW : AgendaItem.Status.GREEN;
  }

  public static List<AgendaItem> ordered(List<AgendaItem> items) {
    return items.stream()
        .sorted(Comparator.comparing(AgendaItem::status).thenComparing(AgendaItem::taskNo))
        .toList();
  }

  public static String render(List<AgendaItem> items) {
    if (items.isEmpty()) {
      return "本月没有需要调度的重点工作。";
    }
    // A leader of hundreds of key tasks: the agenda keeps its most urgent items within the text column.
    return ShownLines.of(ordered(items).stream().map(AgendaItem::render).toList(), "\n\n");
  }
}

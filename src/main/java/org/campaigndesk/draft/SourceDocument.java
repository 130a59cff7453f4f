package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;

/**
 * A plan document reduced to lines of text, whatever format it came in; {@code visualLines} when a
 * line is what fitted on the page (PDF) rather than a paragraph.
 */
public record SourceDocument(List<SourceLine> lines, boolean visualLines) {

  public SourceDocument(List<SourceLine> lines) {
    this(lines, false);
  }

  /** Lines of plain text; a line holding a tab is a table row (cells separated by tabs). */
  public static SourceDocument ofText(String text) {
    List<SourceLine> lines = new ArrayList<>();
    String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      lines.add(new SourceLine(i + 1, raw[i], raw[i].contains("\t")));
    }
    return new SourceDocument(List.copyOf(lines));
  }
}

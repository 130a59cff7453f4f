package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rebuilds logical paragraphs from source lines: Word and text exports break a paragraph at page
 * ends, PDFs at every line. A line is continued by the next one when it does not end a sentence
 * and the next one starts no new numbered item, label or heading.
 */
final class Paragraphs {

  private static final Pattern HEADING_END = Pattern.compile(".*(通\\s*知|方案|计划|规划|要点|意见|办法|清单|安排|文件|决定)$");
  private static final Pattern PUNCTUATION = Pattern.compile("[，。；：,;:]");

  private static final int FULL_LINE = 30;

  private Paragraphs() {}

  static List<Paragraph> of(SourceDocument document) {
    int fullWidth = document.visualLines() ? fullLineWidth(document) : Integer.MAX_VALUE;
    List<Paragraph> paragraphs = new ArrayList<>();
    int lastLineLength = 0;
    for (SourceLine line : document.lines()) {
      if (line.tableRow()) {
        String row = line.text().replace("**", "").replace('\u3000', ' ').replaceAll("^ +| +$", "");
        if (!Texts.compact(row).isEmpty()) {
          paragraphs.add(new Paragraph(row, line.number(), true));
        }
        continue;
      }
      String text = clean(line.text());
      if (Texts.compact(text).isEmpty()) {
        continue;
      }
      for (String part : Assignments.splitTrailingBlock(text)) {
        Paragraph previous = paragraphs.isEmpty() ? null : paragraphs.get(paragraphs.size() - 1);
        if (previous != null && (continues(previous, part) || wrapsAtFullWidth(previous, lastLineLength, part, fullWidth))) {
          paragraphs.set(paragraphs.size() - 1,
              new Paragraph(Texts.join(previous.text(), part), previous.line(), false));
        } else {
          paragraphs.add(new Paragraph(part, line.number(), false));
        }
        lastLineLength = Texts.compact(part).length();
      }
    }
    // bold marks of text exports ("**七是**"), also where a line break split them
    paragraphs.replaceAll(p -> p.tableRow() ? p : new Paragraph(p.text().replace("**", ""), p.line(), false));
    return paragraphs;
  }

  /** A page line as long as the page is wide: the paragraph goes on, even after a 。 at its end. */
  private static boolean wrapsAtFullWidth(Paragraph previous, int lastLineLength, String next, int fullWidth) {
    return !previous.tableRow() && lastLineLength >= fullWidth
        && Marker.of(next) == null && !Assignments.isLabelLine(next)
        && !Assignments.isLabelLine(previous.text()) && !HEADING_END.matcher(previous.compact()).matches();
  }

  /** The width of a full page line in characters: nine tenths of the 90th percentile of the longer lines. */
  private static int fullLineWidth(SourceDocument document) {
    List<Integer> lengths = new ArrayList<>();
    for (SourceLine line : document.lines()) {
      int length = Texts.compact(line.text()).length();
      if (length >= 10) {
        lengths.add(length);
      }
    }
    if (lengths.size() < 10) {
      return Integer.MAX_VALUE;
    }
    lengths.sort(Integer::compareTo);
    return Math.max(10, (int) Math.floor(lengths.get((int) (lengths.size() * 0.9)) * 0.9));
  }

  private static String clean(String text) {
    return text.replace("**", "").replace('\u3000', ' ').strip();
  }

  static boolean continues(Paragraph previous, String next) {
    if (previous.tableRow()) {
      return false;
    }
    String prev = previous.compact();
    String nextCompact = Texts.compact(next);
    if (prev.isEmpty() || Texts.endsTerminal(prev) || Marker.of(next) != null || Assignments.isLabelLine(next)) {
      return false;
    }
    if (HEADING_END.matcher(prev).matches() || nextCompact.endsWith("：") || nextCompact.endsWith(":")) {
      return false;
    }
    if (Marker.of(prev) != null && !PUNCTUATION.matcher(prev).find() && prev.length() < FULL_LINE) {
      return false; // a numbered heading
    }
    char last = prev.charAt(prev.length() - 1);
    if ("，、,（(“《".indexOf(last) >= 0 || Assignments.isLabelLine(previous.text())) {
      return true;
    }
    if (prev.length() < 18) {
      return false;
    }
    // a short line after a short one may be a heading; after a full line it is the paragraph's end
    return prev.length() >= FULL_LINE || !(nextCompact.length() <= 12 && !Texts.endsTerminal(nextCompact));
  }
}

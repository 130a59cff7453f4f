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

  private Paragraphs() {}

  static List<Paragraph> of(SourceDocument document) {
    List<Paragraph> paragraphs = new ArrayList<>();
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
        if (previous != null && continues(previous, part)) {
          paragraphs.set(paragraphs.size() - 1,
              new Paragraph(Texts.join(previous.text(), part), previous.line(), false));
        } else {
          paragraphs.add(new Paragraph(part, line.number(), false));
        }
      }
    }
    return paragraphs;
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
    if (Marker.of(prev) != null && !PUNCTUATION.matcher(prev).find() && prev.length() <= 40) {
      return false; // a numbered heading
    }
    char last = prev.charAt(prev.length() - 1);
    if ("，、,（(“《".indexOf(last) >= 0) {
      return true;
    }
    if (prev.length() < 18) {
      return false;
    }
    return !(nextCompact.length() <= 12 && !Texts.endsTerminal(nextCompact));
  }
}

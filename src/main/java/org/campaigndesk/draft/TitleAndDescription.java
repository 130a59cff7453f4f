package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;

/**
 * A key task's title and description from its item text: "产业扶贫成效提升工程。按照…" → title before
 * the first 。 and the rest; a heading with sub-items → the heading and the sub-items one per line;
 * one long sentence → its first clause and the whole sentence.
 */
record TitleAndDescription(String title, String description) {

  private static final int HEADING_LENGTH = 30;
  private static final int LONG_SENTENCE = 40;

  static TitleAndDescription of(String head, List<String> lines) {
    String text = head.strip();
    int stop = text.indexOf('。');
    if (stop > 0 && Texts.compact(text.substring(0, stop)).length() <= HEADING_LENGTH) {
      List<String> rest = new ArrayList<>();
      String after = text.substring(stop + 1).strip();
      if (!after.isEmpty()) {
        rest.add(after);
      }
      rest.addAll(lines);
      String title = text.substring(0, stop).strip();
      return new TitleAndDescription(title, rest.isEmpty() ? title : String.join("\n", rest));
    }
    if (!lines.isEmpty()) {
      return new TitleAndDescription(Texts.stripEnd(text), String.join("\n", lines));
    }
    if (Texts.compact(text).length() > LONG_SENTENCE || text.matches(".*[。；].+")) {
      String first = text.split("[，,；;。]", 2)[0].strip();
      return new TitleAndDescription(first, text);
    }
    return new TitleAndDescription(Texts.stripEnd(text), text);
  }
}

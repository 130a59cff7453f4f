package org.campaigndesk.draft;

/** A logical paragraph: source lines broken by page or line breaks joined again; tables rows stay single. */
record Paragraph(String text, int line, boolean tableRow) {

  Marker marker() {
    return tableRow ? null : Marker.of(text);
  }

  /** The text without whitespace, for matching. */
  String compact() {
    return Texts.compact(text);
  }

  String[] cells() {
    return text.split("\t", -1);
  }
}

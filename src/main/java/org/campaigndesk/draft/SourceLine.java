package org.campaigndesk.draft;

/** One line of a plan document as read: its 1-based number in the source and its text; table rows hold their cells separated by tabs. */
public record SourceLine(int number, String text, boolean tableRow) {}

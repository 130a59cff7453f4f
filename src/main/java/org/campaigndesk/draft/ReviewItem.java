package org.campaigndesk.draft;

/** A field the draft could not fill or is unsure of: its path in the plan file, why (Chinese, for the coordinator), and the source line it came from (0 when none). */
public record ReviewItem(String path, String message, int sourceLine) {}

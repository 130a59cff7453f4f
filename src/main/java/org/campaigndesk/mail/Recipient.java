package org.campaigndesk.mail;

/** Someone a mail goes to: a unit's contact, a leader, a coordinator. */
public record Recipient(String userId, String name, String email) {}

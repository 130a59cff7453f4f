package org.campaigndesk.scoring;

import java.time.LocalDate;

/**
 * Something that happened to a unit's work in a quarter and earns or costs points: which unit,
 * which rule, on which key task (number and label) and step, on which date; {@code count} is the
 * number of occurrences (working days overdue, for {@link ScoreRule#OVERDUE_WORKING_DAYS}; else 1).
 */
public record ScoreEvent(String unitId, String unitName, ScoreRule rule, Integer keyTaskNo, String keyTaskLabel,
    String step, LocalDate date, int count, String detail, String sourceInstanceId) {}

package org.campaigndesk.task;

import java.time.LocalDate;

/** One line of an implementation plan's breakdown (任务表、时间表、职责表): what, who, by when. */
public record SubItem(String content, String ownerUnit, LocalDate dueDate) {}

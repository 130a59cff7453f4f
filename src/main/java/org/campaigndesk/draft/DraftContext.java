package org.campaigndesk.draft;

/** What the extractors share while one document is drafted: the plan head, the unit and leader directories, the review list. */
record DraftContext(DraftPlan.Info info, UnitDirectory units, LeaderDirectory leaders, ReviewList review) {}

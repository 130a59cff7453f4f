package org.campaigndesk.draft;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** The answer of POST /api/plans/draft: the plan file YAML and the review list; the structured draft for tests and callers in code. */
public record DraftResult(String draft, List<ReviewItem> review, @JsonIgnore DraftPlan plan) {}

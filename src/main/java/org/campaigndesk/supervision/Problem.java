package org.campaigndesk.supervision;

import java.time.LocalDate;

/** One problem found by an inspection (问题清单): what, which unit rectifies it, by when, and the key task it concerns. */
public record Problem(String description, String unitId, LocalDate deadline, Integer keyTaskNo) {}

package org.campaigndesk.draft;

import java.util.ArrayList;
import java.util.List;

/** Collects review items while a draft is made. */
final class ReviewList {

  private final List<ReviewItem> items = new ArrayList<>();

  void add(String path, String message, int sourceLine) {
    items.add(new ReviewItem(path, message, sourceLine));
  }

  List<ReviewItem> items() {
    return List.copyOf(items);
  }
}

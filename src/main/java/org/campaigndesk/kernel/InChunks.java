package org.campaigndesk.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Ids asked for in one statement ({@code in (...)}): {@value #SIZE} at most, far above a county's
 * people or a plan's key tasks and well below every database's limit on parameters, so a province's
 * worth of ids takes a few statements instead of failing.
 */
public final class InChunks {

  public static final int SIZE = 500;

  private InChunks() {}

  /** {@code all} in consecutive views of at most {@link #SIZE}; none for an empty list. */
  public static <T> List<List<T>> of(List<T> all) {
    return of(all, SIZE);
  }

  /** {@code all} in consecutive views of at most {@code size}; none for an empty list. */
  public static <T> List<List<T>> of(List<T> all, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("size: " + size + " must be at least 1");
    }
    List<List<T>> chunks = new ArrayList<>();
    for (int from = 0; from < all.size(); from += size) {
      chunks.add(all.subList(from, Math.min(all.size(), from + size)));
    }
    return chunks;
  }

  /** Runs {@code query} once per chunk of {@code ids}, as the array the engine's {@code ...In(String...)} queries take. */
  public static void forEach(List<String> ids, Consumer<String[]> query) {
    of(ids).forEach(chunk -> query.accept(chunk.toArray(String[]::new)));
  }

  /** As {@link #forEach(List, Consumer)} for an array. */
  public static void forEach(String[] ids, Consumer<String[]> query) {
    forEach(Arrays.asList(ids), query);
  }
}

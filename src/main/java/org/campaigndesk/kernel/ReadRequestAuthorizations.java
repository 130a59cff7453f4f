package org.campaigndesk.kernel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's authorization answers kept for one read-only HTTP request. One Tasklist filter list is
 * six engine commands (the filter read by the REST layer, its page, its count, the variable columns,
 * the linked users and process definitions), and the engine asks the same questions in each: which
 * of the caller's groups hold a grant, whether any revoke applies to the caller
 * ({@code authorizationCheckRevokes=auto}), may the caller read this filter; the filter itself is read
 * once too ({@link FilterOncePerReadRequest}). Within a request that
 * writes nothing the answers cannot change through the request itself; asking once is as if the
 * whole request had been served at the moment of its first question. Requests that write never
 * open a scope ({@link AuthorizedGroupsOfUser} then asks per command, as the engine does).
 */
public final class ReadRequestAuthorizations {

  private static final ThreadLocal<ReadRequestAuthorizations> CURRENT = new ThreadLocal<>();

  private final Map<List<Object>, Object> answers = new HashMap<>();

  private ReadRequestAuthorizations() {}

  /**
   * Opens the answers of a read-only request on this thread; close it when the request is done. Within
   * an open scope a second open shares it (and its close leaves it open).
   */
  public static Scope open() {
    if (CURRENT.get() != null) {
      return () -> { };
    }
    CURRENT.set(new ReadRequestAuthorizations());
    return CURRENT::remove;
  }

  /** The answers of the current read-only request, or null outside one. */
  static ReadRequestAuthorizations current() {
    return CURRENT.get();
  }

  /** Whether the current thread serves a read-only request (tests). */
  public static boolean active() {
    return CURRENT.get() != null;
  }

  @SuppressWarnings("unchecked")
  <T> T answer(List<Object> question, Supplier<T> ask) {
    if (answers.containsKey(question)) {
      return (T) answers.get(question);
    }
    T answer = ask.get();
    answers.put(question, answer);
    return answer;
  }

  /** An answer learnt together with another one (one statement answering two questions). */
  void remember(List<Object> question, Object answer) {
    answers.putIfAbsent(question, answer);
  }

  /** The answer to a question if the request knows it already, else null (nothing is asked). */
  @SuppressWarnings("unchecked")
  <T> T known(List<Object> question) {
    return (T) answers.get(question);
  }

  /** Questions asked so far (tests). */
  int asked() {
    return answers.size();
  }

  /** An open scope; closing it forgets the answers. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
